import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { logInThroughQr } from './support/login';
import { screenshot } from './support/screenshots';
import { useWorld } from './support/world';

function readSession(page: Page): Promise<{ authenticated: boolean }> {
  return page.evaluate(async () => {
    const res = await fetch('/auth/session?extendIdle=false', { headers: { 'X-CSRF': '1' } });
    return res.json();
  });
}

// "Your sessions" with three devices of one person: each browser context is a device.
describe('your sessions page in a real browser', () => {
  const world = useWorld();
  const contexts: BrowserContext[] = [];

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function device(): Promise<Page> {
    const context = await world.browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(world.stack.bffUrl);
    await logInThroughQr(page, context);
    return page;
  }

  it('lists every device, revokes another one, then logs out everywhere', async () => {
    const laptop = await device();
    const phone = await device();
    const tablet = await device();

    await laptop.goto(`${world.stack.bffUrl}/sessions`);
    const rows = laptop.locator('#sessions-result tbody tr');
    await rows.nth(2).waitFor();
    await expect(rows.count()).resolves.toBe(3);
    await expect(laptop.locator('#sessions-result .badge').count()).resolves.toBe(1);
    await screenshot(laptop, 'sessions');

    await rows
      .filter({ hasNot: laptop.locator('.badge') })
      .first()
      .getByRole('button')
      .click();
    await laptop.locator('[role="status"]').waitFor();
    await expect(rows.count()).resolves.toBe(2);
    const ended = await Promise.all([readSession(phone), readSession(tablet)]);
    expect(ended.filter((s) => !s.authenticated)).toHaveLength(1);

    await laptop.locator('#logout-everywhere').click();
    await laptop.locator('#logged-out').waitFor();
    await expect(readSession(laptop)).resolves.toEqual({ authenticated: false });
    await expect(readSession(phone)).resolves.toEqual({ authenticated: false });
    await expect(readSession(tablet)).resolves.toEqual({ authenticated: false });
  });
});
