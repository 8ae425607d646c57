import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/dev/index.js';
import { launchChromium } from '../support/browser.js';
import { makeSite, post } from './support.js';

const paragraphs = Array.from(
  { length: 40 },
  (_, i) => `第 ${i + 1} 段落。関数 $f_{${i}}(x) = x^{${i}}$ の性質を調べる。`,
).join('\n\n');
const GOOD = post('長い記事', `冒頭の一文。\n\n${paragraphs}`);
const BROKEN = post(
  '長い記事',
  `冒頭の一文。\n\n式 $\\frac{1}{2$ が閉じていない。\n\n${paragraphs}`,
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function startOn(root: string): Promise<DevServer> {
  return startDevServer({
    cwd: root,
    contentDir: 'content',
    templatesDir: 'templates',
    publicDir: 'public',
    host: '127.0.0.1',
    port: 0,
  });
}

const overlay = (page: Page) => page.locator('#sugaku-overlay');

describe('live reload and the error overlay in Chromium', () => {
  let root: string;
  let server: DevServer;
  let page: Page;
  const pageErrors: string[] = [];
  const article = () => path.join(root, 'content/posts/nagai.md');

  beforeAll(async () => {
    root = await makeSite({ 'nagai.md': GOOD });
    server = await startOn(root);
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(new URL('posts/nagai/', server.url).href);
    // Connected to the event stream before anything is edited.
    await page.locator('html[data-sugaku-dev="connected"]').waitFor({ state: 'attached' });
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('reloads an open page after an edit and keeps its scroll position', async () => {
    await page.evaluate(() => window.scrollTo(0, 1200));
    expect(await page.evaluate(() => window.scrollY)).toBe(1200);
    const reloaded = page.waitForEvent('load');
    await writeFile(article(), GOOD.replace('冒頭の一文。', '冒頭の一文を書き直した。'));
    await reloaded;
    await page.getByText('冒頭の一文を書き直した。').waitFor();
    await page.waitForFunction(() => window.scrollY === 1200);
  });

  it('shows a broken formula as an overlay with its code frame, and clears it when fixed', async () => {
    const current = await page.locator('main').innerText();
    // A marker that a reload would wipe: the overlay comes and goes without one.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    await writeFile(article(), BROKEN);
    const box = overlay(page);
    await box.getByText('ビルドに失敗しました').waitFor();
    const text = await box.locator('.box').innerText();
    expect(text).toMatch(/content\/posts\/nagai\.md:8:\d+ error\[math\/katex-error\]/);
    expect(text).toMatch(/>\s+8 \| 式 \$\\frac\{1\}\{2\$ が閉じていない。/);
    expect(text).toMatch(/\|\s+\^/);
    // The last good page is still there under the overlay.
    expect(await page.locator('main').innerText()).toBe(current);

    // Back to the last good text: nothing to reload, the overlay just goes.
    await writeFile(article(), GOOD.replace('冒頭の一文。', '冒頭の一文を書き直した。'));
    await box.waitFor({ state: 'detached' });
    expect(
      await page.evaluate(() => (window as { stillTheSamePage?: boolean }).stillTheSamePage),
    ).toBe(true);
  });

  it('lets the reader dismiss the overlay', async () => {
    await writeFile(article(), BROKEN);
    await overlay(page).getByRole('button', { name: '閉じる' }).click();
    await overlay(page).waitFor({ state: 'detached' });
    await writeFile(article(), GOOD);
    await page.getByText('冒頭の一文。').waitFor();
  });
});

describe('a site whose first build fails', () => {
  let root: string;
  let server: DevServer;

  beforeAll(async () => {
    root = await makeSite({ 'nagai.md': BROKEN });
    server = await startOn(root);
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('shows the overlay on a placeholder, then the page once the error is fixed', async () => {
    const page = await browser.newPage();
    const response = await page.goto(new URL('posts/nagai/', server.url).href);
    expect(response?.status()).toBe(503);
    await overlay(page).getByText('error[math/katex-error]').waitFor();
    const reloaded = page.waitForEvent('load');
    await writeFile(path.join(root, 'content/posts/nagai.md'), GOOD);
    await reloaded;
    await page.getByRole('heading', { name: '長い記事' }).waitFor();
    expect(await overlay(page).count()).toBe(0);
    await page.close();
  });
});
