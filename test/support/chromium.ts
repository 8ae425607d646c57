import type { LaunchOptions } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`, done by `.ci/run`), not a downloaded one. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, quiet: no updates, sync or first-run pages competing with the tests. */
export const CHROMIUM_LAUNCH: LaunchOptions = {
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
};
