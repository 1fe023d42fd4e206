import { describe, expect, it } from 'vitest';
import { answerInSimulatedApp, logInThroughQr } from './support/login';
import { useWorld } from './support/world';

// Short timeouts (the BFF's shortest allowed idle timeout, one minute) so the whole life of a session fits in a test: the SPA warns before the idle deadline
// (its warning lead time is longer than the whole idle timeout here, so it warns at once), then shows
// the expired state, and "Log in again" returns to the page the user was on.
describe('session expiry in a real browser', () => {
  const world = useWorld({ bffEnv: { SESSION_IDLE_TIMEOUT: '60s', SESSION_ABSOLUTE_TIMEOUT: '1h' } });

  it('warns, then shows the expired state, then logs in again back to the same page', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await page.goto(world.stack.bffUrl);
    await logInThroughQr(page, context);
    await page.goto(`${world.stack.bffUrl}/sessions`);
    await page.locator('#expiry-warning').waitFor({ timeout: 10_000 });
    await page.locator('#session-expired').waitFor({ timeout: 75_000 });

    await page.locator('#login-again').click();
    await page.waitForURL((url) => url.pathname.startsWith('/v2/oauth/authorize'));
    await answerInSimulatedApp(page, context);
    await page.waitForURL((url) => url.origin === world.stack.bffUrl && url.pathname === '/sessions', {
      timeout: 15_000,
    });
    expect(new URL(page.url()).pathname).toBe('/sessions');
    await context.close();
  }, 150_000);
});
