import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_LAUNCH } from './chromium.js';

/**
 * A headless Chromium for one test file: get it in `beforeAll`, close it in `afterAll`.
 * In the `site` project (vitest.config.ts) it is a connection to the one Chromium the run
 * shares, started by test/support/global-setup.ts; closing it closes the connection and
 * its contexts and pages, not the shared browser. Elsewhere it is a Chromium of its own.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  return endpoint ? chromium.connect(endpoint) : chromium.launch(CHROMIUM_LAUNCH);
}
