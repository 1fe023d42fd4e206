import { describe, expect, it } from 'vitest';
import { answerInSimulatedApp, PERSONA } from './support/login';
import { useWorld } from './support/world';

// Singpass (FAPI 2.0) as a user meets it: the demo offers Singpass beside sgID; the browser goes through
// the BFF's pushed authorization request to the emulator's Singpass QR page, the simulated Singpass app
// answers, and the SPA shows the Myinfo data the BFF decrypted — then logout.
describe('Singpass login journey in a real browser', () => {
  const world = useWorld();

  it('logs in with Singpass through the QR page and the simulated app, shows the Myinfo data, and logs out', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await page.goto(world.stack.bffUrl);
    await page.locator('#login-singpass').click();
    await page.waitForURL((url) => url.pathname.startsWith('/singpass/v3/fapi/auth'));
    // The browser carries only client_id and request_uri: everything else was pushed by the BFF.
    const authorize = new URL(page.url());
    expect([...authorize.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    const phone = await answerInSimulatedApp(page, context);
    await page.locator('#user-name').waitFor({ timeout: 15_000 });
    await phone.close();

    await expect(page.locator('#user-name').textContent()).resolves.toContain(PERSONA.name);
    await expect(page.locator('#provider-name').textContent()).resolves.toContain('Singpass');
    const session = await page.evaluate(async () => {
      const res = await fetch('/auth/session', { headers: { 'X-CSRF': '1' } });
      return res.json();
    });
    expect(session).toMatchObject({ authenticated: true, provider: 'singpass', appType: 'myinfo' });
    expect(session.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.person.uinfin).toMatchObject({ available: true, value: PERSONA.nric });

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
