import { type Browser, chromium } from 'playwright-core';

/**
 * Launch the machine's Chromium (Debian's package; `npm test` installs it) headless. The flags keep it
 * from reaching out to the network, which is closed here and in CI.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
