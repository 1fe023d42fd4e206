import { describe, expect, it } from 'vitest';
import { logInThroughQr, PERSONA } from './support/login';
import { useWorld } from './support/world';

// The walking skeleton as a user meets it: `npm start`'s processes, a real Chromium, the QR page and the
// simulated Singpass app, the SPA showing the persona's data, and logout.
describe('login journey in a real browser', () => {
  const world = useWorld();

  it('logs in through the QR page and the simulated app, shows the name, and logs out', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await page.goto(world.stack.bffUrl);
    await logInThroughQr(page, context);

    await expect(page.locator('#user-name').textContent()).resolves.toContain(PERSONA.name);
    expect(new URL(page.url()).origin).toBe(world.stack.bffUrl);
    const cookies = await context.cookies(world.stack.bffUrl);
    const session = cookies.find((c) => c.name.startsWith('__Host-') && c.name.includes('session'));
    expect(session?.httpOnly).toBe(true);
    expect(session?.secure).toBe(true);

    await page.locator('#logout').click();
    await page.locator('#logged-out').waitFor();
    const after = await page.evaluate(async () => {
      const res = await fetch('/auth/session', { headers: { 'X-CSRF': '1' } });
      return res.json();
    });
    expect(after).toEqual({ authenticated: false });
    await context.close();
  });
});
