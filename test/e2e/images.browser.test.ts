/// <reference lib="dom" />
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/index.js';
import { launchChromium } from '../support/browser.js';
import { repo } from '../support/cli.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';
import { siteBuildOptions } from '../support/site-build.js';

/**
 * The captioned graph of test/fixtures/images as a reader's browser shows it: on a 2× phone
 * and a 1× desktop, each takes a WebP variant wide enough for its screen, and the figure
 * stays inside the column with its caption below it, light and dark.
 */
let root: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-images-e2e-'));
  await cp(path.join(repo, 'test/fixtures/images'), root, { recursive: true });
  await cp(path.join(repo, 'public/assets'), path.join(root, 'public/assets'), { recursive: true });
  const result = await build(siteBuildOptions(root));
  expect(result.exitCode).toBe(0);
  server = await serveFolder(path.join(root, 'dist'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a captioned figure in Chromium', () => {
  it.each([
    { width: 390, scale: 2, scheme: 'dark', variant: 'parabola.png.960w.webp' },
    { width: 1280, scale: 1, scheme: 'light', variant: 'parabola.png.640w.webp' },
  ] as const)(
    'at $width px ($scale×, $scheme) takes $variant and stays in the column',
    async ({ width, scale, scheme, variant }) => {
      const page = await browser.newPage({
        viewport: { width, height: 900 },
        deviceScaleFactor: scale,
        colorScheme: scheme,
      });
      await page.goto(`${server.origin}/posts/放物線/`);
      const figure = page.locator('figure');
      await figure.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => document.querySelector<HTMLImageElement>('figure img')?.complete === true,
      );
      const shown = await page.evaluate(() => {
        const img = document.querySelector<HTMLImageElement>('figure img')!;
        const caption = document.querySelector('figcaption')!.getBoundingClientRect();
        const body = document.querySelector('.post__body')!.getBoundingClientRect();
        const box = img.getBoundingClientRect();
        return {
          source: decodeURI(img.currentSrc).split('/').pop(),
          inColumn: box.left >= body.left && box.right <= body.right + 0.5,
          fillsColumn: Math.abs(box.width - Math.min(body.width, 1200)) < 1,
          captionBelow: caption.top >= box.bottom,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      expect(shown).toEqual({
        source: variant,
        inColumn: true,
        fillsColumn: true,
        captionBelow: true,
        overflow: 0,
      });
      await page.close();
    },
  );
});
