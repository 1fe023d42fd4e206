import { describe, expect, it } from 'vitest';
import { logInThroughQr, PERSONA } from './support/login';
import { useWorld } from './support/world';

// The API path: the SPA calls /api/demo/hello with its cookie and X-CSRF; the BFF proxies it to the demo
// upstream with a signed identity token, which the upstream verifies against the BFF's JWKS.
describe('demo API through the BFF proxy in a real browser', () => {
  const world = useWorld();

  it('returns data for the logged-in user, and 401 after logout', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await page.goto(world.stack.bffUrl);
    await logInThroughQr(page, context);
    await page.locator('#api-result', { hasText: PERSONA.name }).waitFor({ timeout: 10_000 });

    const callApi = () =>
      page.evaluate(async () => {
        const res = await fetch('/api/demo/hello', { headers: { 'X-CSRF': '1' } });
        return { status: res.status, body: await res.json() };
      });
    const before = await callApi();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ verifiedBy: 'jwt' });
    expect(before.body.message).toContain(PERSONA.name);

    await page.locator('#logout').click();
    await page.locator('#logged-out').waitFor();
    const after = await callApi();
    expect(after.status).toBe(401);
    expect(after.body.code).toMatch(/^BFF_/);
    await context.close();
  });
});
