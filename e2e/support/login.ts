import type { BrowserContext, Page } from 'playwright-core';

/** A persona of the emulator with data in every commonly used scope. */
export const PERSONA = { nric: 'S9812381D', name: 'TAN HENG HUAT' } as const;

/**
 * On the emulator's QR page: open the simulated Singpass app in a second, phone-sized page of the same
 * browser (as the phone that scans the QR would), pick the persona and answer the consent screen. The
 * QR page then continues by itself.
 */
export async function answerInSimulatedApp(
  qrPage: Page,
  context: BrowserContext,
  options: { nric?: string; approve?: boolean; entity?: string } = {},
): Promise<Page> {
  const { nric = PERSONA.nric, approve = true, entity } = options;
  await qrPage.locator('[data-testid="qr"]').waitFor();
  const appUrl = await qrPage.locator('#open-app').getAttribute('href');
  if (!appUrl) throw new Error('the QR page has no link to the simulated app');
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(new URL(appUrl, qrPage.url()).href);
  await phone.locator(`#persona-${nric}`).click();
  // Corppass: a person acting for several entities chooses one first.
  if (entity !== undefined) await phone.locator(`#entity-${entity}`).click();
  await phone.locator(approve ? '#approve' : '#decline').click();
  await phone.locator('#outcome').waitFor();
  return phone;
}

/** From the SPA's landing page, log in through the QR page and the simulated app; ends on the profile. */
export async function logInThroughQr(page: Page, context: BrowserContext, nric: string = PERSONA.nric) {
  await page.locator('#login').click();
  await page.waitForURL((url) => url.pathname.startsWith('/v2/oauth/authorize'));
  const phone = await answerInSimulatedApp(page, context, { nric });
  await page.locator('#user-name').waitFor({ timeout: 15_000 });
  await phone.close();
}
