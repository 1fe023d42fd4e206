import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerInSimulatedApp, logInThroughQr, PERSONA } from './support/login';
import { screenshot } from './support/screenshots';
import { useWorld } from './support/world';

/** The session as the page's own origin sees it (the SPA's view, through the BFF). */
function readSession(page: Page): Promise<{ authenticated: boolean; sub?: string }> {
  return page.evaluate(async () => {
    const res = await fetch('/auth/session?extendIdle=false', { headers: { 'X-CSRF': '1' } });
    return res.json();
  });
}

describe('user journeys in a real browser', () => {
  const world = useWorld();
  let context: BrowserContext;

  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await world.browser.newContext();
    return context.newPage();
  }

  it('first login goes through the QR page and the simulated app, and the profile shows the data', async () => {
    const page = await freshPage();
    await page.goto(world.stack.bffUrl);
    await screenshot(page, 'landing');
    await page.locator('#login').click();
    await page.waitForURL((url) => url.pathname.startsWith('/v2/oauth/authorize'));
    await screenshot(page, 'qr-page');

    const appUrl = await page.locator('#open-app').getAttribute('href');
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(new URL(appUrl ?? '', page.url()).href);
    await phone.locator(`#persona-${PERSONA.nric}`).click();
    await expect(phone.locator('#consent-items').textContent()).resolves.toContain('Your full name');
    await screenshot(phone, 'simulated-app-consent');
    await phone.locator('#approve').click();

    await page.locator('#user-name').waitFor({ timeout: 15_000 });
    await expect(page.locator('#user-name').textContent()).resolves.toContain(PERSONA.name);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('Date of birth');
    expect(body).toContain('Registered address');
    expect(body).toContain(PERSONA.nric);
    await screenshot(page, 'profile');
  });

  it('declining consent brings the user back to the SPA, which says so and offers to try again', async () => {
    const page = await freshPage();
    await page.goto(`${world.stack.bffUrl}/profile`);
    await page.locator('#login').click();
    await page.waitForURL((url) => url.pathname.startsWith('/v2/oauth/authorize'));
    await answerInSimulatedApp(page, context, { approve: false });
    await page.waitForURL((url) => url.origin === world.stack.bffUrl && url.pathname !== '/auth/callback');
    await page.getByText('Login was cancelled').waitFor();
    await expect(readSessionFrom(world.stack.bffUrl, context)).resolves.toEqual({ authenticated: false });
    await page.locator('#try-again').click();
    await page.waitForURL((url) => url.pathname.startsWith('/v2/oauth/authorize'));
  });

  it('a returning user keeps the session on reload and in a new tab', async () => {
    const page = await freshPage();
    await page.goto(world.stack.bffUrl);
    await logInThroughQr(page, context);
    await page.reload();
    await page.locator('#user-name').waitFor();
    const second = await context.newPage();
    await second.goto(`${world.stack.bffUrl}/profile`);
    await expect(second.locator('#user-name').textContent()).resolves.toContain(PERSONA.name);
  });

  it('logout makes the old cookie anonymous and the other tab shows logged-out within a second', async () => {
    const page = await freshPage();
    await page.goto(world.stack.bffUrl);
    await logInThroughQr(page, context);
    const other = await context.newPage();
    await other.goto(`${world.stack.bffUrl}/profile`);
    await other.locator('#user-name').waitFor();
    const cookieHeader = (await context.cookies(world.stack.bffUrl))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');

    await page.locator('#logout').click();
    await page.locator('#logged-out').waitFor();
    const started = Date.now();
    await other.locator('#logged-out, #session-expired, #login').first().waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);

    // Replay the cookie captured before logout, outside the browser: the server destroyed the session.
    const replay = await fetch(`${world.stack.bffUrl}/auth/session`, {
      headers: { 'X-CSRF': '1', cookie: cookieHeader },
    });
    await expect(replay.json()).resolves.toEqual({ authenticated: false });
  });

  it('an open redirect in returnTo lands on a local page', async () => {
    const page = await freshPage();
    await page.goto(
      `${world.stack.bffUrl}/auth/login?returnTo=${encodeURIComponent('//evil.example/steal')}`,
    );
    await page.waitForURL((url) => url.pathname.startsWith('/v2/oauth/authorize'));
    await answerInSimulatedApp(page, context);
    await page.locator('#user-name').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).origin).toBe(world.stack.bffUrl);
  });
});

async function readSessionFrom(bffUrl: string, context: BrowserContext) {
  const page = await context.newPage();
  await page.goto(`${bffUrl}/`);
  const session = await readSession(page);
  await page.close();
  return session;
}
