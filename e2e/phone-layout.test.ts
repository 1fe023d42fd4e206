/**
 * The demo SPA on a 390 px phone (an iPhone 12-15's CSS width), measured in a real Chromium: nothing
 * spills sideways, the header keeps to two rows, the API's JSON wraps, and a persona who sponsors children
 * sees them on the profile.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { logInThroughQr } from './support/login';
import { screenshot } from './support/screenshots';
import { useWorld } from './support/world';

const PHONE = { width: 390, height: 844 };
/** A foreign resident persona of the emulator whose record has sponsored children. */
const SPONSOR = { nric: 'F1612347K', children: ['OLIVER HARRISON', 'AMELIA HARRISON'] };

/** How far the page reaches past the right edge of the screen (0: it fits). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The rows the header's items sit on: items whose tops are within a few pixels share a row. */
function headerRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const items = document.querySelectorAll('.site-header__bar .brand, .site-header__bar li, #logout');
    const tops: number[] = [];
    for (const item of items) {
      const top = item.getBoundingClientRect().top;
      if (!tops.some((t) => Math.abs(t - top) < 12)) tops.push(top);
    }
    return tops.length;
  });
}

describe('the demo SPA on a 390 px phone', () => {
  const world = useWorld();
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function phone(nric?: string): Promise<Page> {
    const context = await world.browser.newContext({ viewport: PHONE });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(world.stack.bffUrl);
    await logInThroughQr(page, context, nric);
    return page;
  }

  it('the sessions page with two sessions stays inside the screen, and the header keeps to two rows', async () => {
    const first = await phone();
    await phone(); // a second device of the same person
    await first.goto(`${world.stack.bffUrl}/sessions`);
    await first.locator('#sessions-result tbody tr').nth(1).waitFor();
    await screenshot(first, 'sessions-phone');
    expect(await horizontalOverflow(first)).toBeLessThanOrEqual(0);
    expect(await headerRows(first)).toBeLessThanOrEqual(2);
    // Every row's "Log out" button is on screen, not beyond its right edge.
    const buttons = first.locator('#sessions-result tbody button');
    for (let i = 0; i < (await buttons.count()); i++) {
      const box = await buttons.nth(i).boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    }
  });

  it('the profile with the API JSON box fits the screen: long JSON lines wrap inside the box', async () => {
    const page = await phone();
    const box = page.locator('#api-result .code-block');
    await box.waitFor();
    await screenshot(page, 'profile-phone');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await headerRows(page)).toBeLessThanOrEqual(2);
    const widths = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // The JSON has lines longer than the box is wide, so it fits only by wrapping.
    const longest = await box.evaluate((el) => {
      const probe = document.createElement('span');
      probe.style.whiteSpace = 'pre';
      probe.style.font = getComputedStyle(el).font;
      probe.textContent = (el.textContent ?? '')
        .split('\n')
        .reduce((a, b) => (b.length > a.length ? b : a), '');
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width;
    });
    expect(longest).toBeGreaterThan(widths.client);
  });

  it('a persona who sponsors children sees them on the profile', async () => {
    const page = await phone(SPONSOR.nric);
    const table = page.locator('[data-scope="myinfo.sponsored_children_records"]');
    await table.waitFor();
    for (const child of SPONSOR.children) await expect(table.getByText(child).count()).resolves.toBe(1);
    await expect(table.locator('caption').textContent()).resolves.toBe('Sponsored children');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});
