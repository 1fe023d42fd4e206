import { describe, expect, it } from 'vitest';
import { answerInSimulatedApp, PERSONA } from './support/login';
import { useWorld } from './support/world';

// Corppass (FAPI 2.0) as a business user meets it: "Log in with Corppass", the emulator's QR page, the
// simulated app where TAN HENG HUAT — who can act for two entities — chooses his consultancy, then the
// demo's business page with the entity, the acting user and his roles; then logout.
describe('Corppass login journey in a real browser', () => {
  const world = useWorld();

  it('logs in with Corppass choosing one of two entities, shows the entity and the roles, and logs out', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await page.goto(world.stack.bffUrl);
    await page.locator('#login-corppass').click();
    await page.waitForURL((url) => url.pathname.startsWith('/corppass/mga/sps/oauth/oauth20/authorize'));
    expect([...new URL(page.url()).searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    const phone = await answerInSimulatedApp(page, context, { nric: PERSONA.nric, entity: '53312345D' });
    await page.locator('#entity-name').waitFor({ timeout: 15_000 });
    await phone.close();

    await expect(page.locator('#entity-name').textContent()).resolves.toContain('TAN HENG HUAT CONSULTANCY');
    await expect(page.locator('#user-name').textContent()).resolves.toContain(PERSONA.name);
    await expect(page.locator('#provider-name').textContent()).resolves.toBe('Corppass');
    const roles = await page.locator('#roles table').textContent();
    expect(roles).toContain('EMU-ESVC-CUSTOMS');
    expect(roles).toContain('Admin');
    expect(roles).toContain('Active');
    const session = await page.evaluate(async () => {
      const res = await fetch('/auth/session', { headers: { 'X-CSRF': '1' } });
      return res.json();
    });
    expect(session).toMatchObject({ provider: 'corppass', sub: '53312345D', entity: { id: '53312345D' } });

    await page.locator('#logout').click();
    await page.locator('#logged-out').waitFor();
    await context.close();
  });
});
