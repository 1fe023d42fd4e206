import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Screenshots of the main screens for the README. They go to `docs/screenshots/` when
 * UPDATE_SCREENSHOTS=1 (so a test run does not rewrite tracked files), else to `.tmp/screenshots/`.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir =
    process.env.UPDATE_SCREENSHOTS === '1'
      ? path.join(root, 'docs', 'screenshots')
      : path.join(root, '.tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
