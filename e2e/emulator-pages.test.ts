import { describe, expect, it } from 'vitest';
import { useWorld } from './support/world';

// The emulator's own pages as a person meets them, with a QR code that expires after 8 seconds (long enough for the NRIC journey on a busy machine).
describe('emulator QR page and simulated Singpass app in a real browser', () => {
  const world = useWorld({ emulatorConfig: { qrTtlMs: 8000 } });

  it('an expired QR code shows a clear page with a way back', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${world.stack.bffUrl}/auth/login?returnTo=/profile`);
    await page.locator('[data-testid="qr"]').waitFor();
    await expect(page.locator('#title').textContent()).resolves.toContain('Demo Citizen Services');
    await page.locator('#expired').waitFor({ state: 'visible', timeout: 20_000 });
    const startAgain = page.locator('#start-again');
    await expect(startAgain.isVisible()).resolves.toBe(true);
    await startAgain.click();
    await page.waitForURL((url) => url.origin === world.stack.bffUrl);
    await context.close();
  });

  it('the app page refuses an invalid custom NRIC and accepts a valid one', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${world.stack.bffUrl}/auth/login`);
    const appUrl = await page.locator('#open-app').getAttribute('href');
    const phone = await context.newPage();
    await phone.goto(new URL(appUrl ?? '', page.url()).href);
    await phone.locator('#custom-nric').fill('S1234567A');
    await phone.locator('#custom-nric-submit').click();
    await phone.locator('#nric-error').waitFor();
    await phone.locator('#custom-nric').fill('S1234567D');
    await phone.locator('#custom-nric-submit').click();
    await phone.locator('#approve').waitFor();
    await phone.locator('#approve').click();
    await page.locator('#user-name').waitFor({ timeout: 15_000 });
    await context.close();
  });
});
