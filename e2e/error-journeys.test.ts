import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { answerInSimulatedApp, logInThroughQr, PERSONA } from './support/login';
import { useWorld } from './support/world';

/** Failures a person meets, in a real browser: each lands in the SPA in plain words with a way on. */
describe('error journeys in a real browser', () => {
  const world = useWorld();
  const contexts: BrowserContext[] = [];

  afterEach(async () => {
    await setFaults([]);
    for (const context of contexts.splice(0)) await context.close();
  });

  async function setFaults(faults: string[]) {
    const response = await fetch(`${world.stack.emulatorUrl}/debug/clients/${world.stack.client.id}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults }),
    });
    expect(response.status).toBe(200);
  }

  async function freshPage(): Promise<{ page: Page; context: BrowserContext }> {
    const context = await world.browser.newContext();
    contexts.push(context);
    return { page: await context.newPage(), context };
  }

  it('a login that fails after the redirect lands in the SPA with plain words and a request id, and Try again works', async () => {
    await setFaults(['wrong-aud']);
    const { page, context } = await freshPage();
    await page.goto(`${world.stack.bffUrl}/profile`);
    await page.locator('#login').click();
    await page.waitForURL((url) => url.pathname.startsWith('/v2/oauth/authorize'));
    await answerInSimulatedApp(page, context);
    await page.locator('#error-page').waitFor({ timeout: 15_000 });
    const url = new URL(page.url());
    expect(url.pathname).toBe('/profile');
    expect(url.searchParams.get('login')).toBe('failed');
    const text = (await page.locator('#error-page').textContent()) ?? '';
    expect(text).toContain('We couldn’t confirm your login with Singpass');
    expect(text).not.toMatch(/ID token/i);
    expect(text).toContain('BFF_ID_TOKEN_INVALID');
    expect(text).toContain(url.searchParams.get('requestId') ?? 'no request id in the URL');

    await setFaults([]);
    await page.locator('#try-again').click();
    await page.waitForURL((u) => u.pathname.startsWith('/v2/oauth/authorize'));
    await answerInSimulatedApp(page, context);
    await page.locator('#user-name').waitFor({ timeout: 15_000 });
    await expect(page.locator('#user-name').textContent()).resolves.toContain(PERSONA.name);
    expect(new URL(page.url()).pathname).toBe('/profile');
  });

  it('a session ended on another device: the SPA says "You were signed out" when it next looks', async () => {
    const laptop = await freshPage();
    await laptop.page.goto(world.stack.bffUrl);
    await logInThroughQr(laptop.page, laptop.context);
    const phone = await freshPage();
    await phone.page.goto(world.stack.bffUrl);
    await logInThroughQr(phone.page, phone.context);

    await phone.page.goto(`${world.stack.bffUrl}/sessions`);
    await phone.page.locator('#sessions-result tbody tr').nth(1).waitFor();
    await phone.page.locator('#logout-everywhere').click();
    await phone.page.locator('#logged-out').waitFor();

    // The laptop's tab becomes visible again: the SDK re-reads the session and finds it gone.
    await laptop.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const ended = laptop.page.locator('#session-expired');
    await ended.waitFor({ timeout: 10_000 });
    await expect(ended.getAttribute('data-reason')).resolves.toBe('ended-elsewhere');
    await expect(ended.textContent()).resolves.toContain(
      'You were signed out (on another device or by an administrator)',
    );
  });
});
