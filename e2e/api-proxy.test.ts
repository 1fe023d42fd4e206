import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { logInThroughQr, PERSONA } from './support/login';
import { startTestStack, type TestStack } from './support/stack';

// The API path: the SPA calls /api/demo/hello with its cookie and X-CSRF; the BFF proxies it to the demo
// upstream with a signed identity token, which the upstream verifies against the BFF's JWKS.
describe('demo API through the BFF proxy in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('returns data for the logged-in user, and 401 after logout', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.bffUrl);
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
