import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`, done by `.ci/run`), not a downloaded one. */
export const CHROMIUM = '/usr/bin/chromium';

/** One headless Chromium per test file: launch it in `beforeAll`, close it in `afterAll`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
