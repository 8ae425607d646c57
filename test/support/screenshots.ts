import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/**
 * Screenshots and PDFs the browser tests leave for people to look at: no test compares
 * them, and writing them (full-page PNGs of long pages, most of all) took about a third of
 * the browser tests' time, so they are made only on request:
 * `SUGAKU_SCREENSHOTS=1 npx vitest run test/reader/appearance.test.ts`.
 * Tests that compare pixels take their own screenshots in memory.
 */
export const SCREENSHOTS_WANTED = Boolean(process.env.SUGAKU_SCREENSHOTS);

/** A screenshot of the page or of one element into `file`, if screenshots were asked for. */
export async function keepScreenshot(
  target: Page | Locator,
  file: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  if (!SCREENSHOTS_WANTED) return;
  await mkdir(path.dirname(file), { recursive: true });
  await target.screenshot({ path: file, ...options });
}

/** The page printed to PDF into `file`, if screenshots were asked for. */
export async function keepPdf(page: Page, file: string, options: { format?: string } = {}) {
  if (!SCREENSHOTS_WANTED) return;
  await mkdir(path.dirname(file), { recursive: true });
  await page.pdf({ path: file, ...options });
}
