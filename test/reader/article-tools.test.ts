/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minifyCss } from '../../src/output/minify-css.js';
import { launchChromium } from '../support/browser.js';
import { repo } from '../support/cli.js';
import { keepScreenshot } from '../support/screenshots.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';
import { axeViolations, buildPosts, type BuiltSite } from './support.js';

/**
 * What a reader does with an article's tools in Chromium: copies a section's link and a
 * code block, reads a long line of code on a phone, and finds a way onward from the search
 * page with JavaScript off. Screenshots for the developer go to SHOTS when asked for
 * (test/support/screenshots.ts).
 */

const SHOTS = process.env.PAGE_SHOTS ?? '/tmp/shots-page';
const LONG_LINE = `print("${'とても長い行です。'.repeat(12)}")`;
const PYTHON = `def newton(a, x=1.0):\n    for _ in range(6):\n        x = (x + a / x) / 2  # 平均をとる\n    return x\n\n${LONG_LINE}`;
const SHELL = 'npm run build\nnpx serve dist';

const posts = {
  'tools.md': `---
title: 道具のそろった記事
date: 2026-01-10 09:00
author: sato
tags: [数値計算]
---

ニュートン法で平方根を求めるコードを見ていきます。式 $x_{n+1} = \\frac{1}{2}(x_n + a/x_n)$ を繰り返します。

## 実装

\`\`\`python:newton.py
${PYTHON}
\`\`\`

### 動かし方

\`\`\`shell
${SHELL}
\`\`\`

## まとめ

何度か繰り返すだけで、値はすぐに落ち着きます。
`,
};

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;
let scripted: BrowserContext;
let noScript: BrowserContext;

beforeAll(async () => {
  site = await buildPosts(posts, { withExample: true });
  server = await serveFolder(site.out);
  browser = await launchChromium();
  scripted = await browser.newContext({ locale: 'ja-JP' });
  await scripted.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: server.origin,
  });
  noScript = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
}, 180_000);

afterAll(async () => {
  await scripted?.close();
  await noScript?.close();
  await browser?.close();
  await server?.close();
  await site?.remove();
});

/** Each context's one tab: a new tab for each page cost more than most of the tests. */
const tabs = new Map<BrowserContext, Page>();

/** `url` in the context's tab, at this size, light, the mouse in the corner as on a new tab. */
async function open(
  context: BrowserContext,
  url: string,
  viewport = { width: 390, height: 844 },
): Promise<Page> {
  let page = tabs.get(context);
  if (!page) tabs.set(context, (page = await context.newPage()));
  await page.setViewportSize(viewport);
  await page.emulateMedia({ media: null, colorScheme: 'light' });
  await page.mouse.move(0, 0);
  await page.goto(`${server.origin}${url}`);
  return page;
}

const ARTICLE = `/posts/tools/`;

describe('heading anchors', () => {
  it('appear on hover and on keyboard focus, and link to their own section', async () => {
    const page = await open(scripted, ARTICLE, { width: 1280, height: 900 });
    const anchor = page.getByRole('link', { name: '見出し「実装」へのリンク' });
    const opacity = () => anchor.evaluate((a) => Number(getComputedStyle(a).opacity));
    expect(await opacity()).toBe(0);
    await page.locator('h2#実装').hover();
    expect(await opacity()).toBe(1);
    await page.mouse.move(0, 0);
    // Tab to it as a keyboard user would: it is a tab stop, and shows itself when reached.
    await page.locator('.post-meta a').first().focus();
    let focused = '';
    for (let i = 0; i < 30 && focused !== '見出し「実装」へのリンク'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    expect(focused).toBe('見出し「実装」へのリンク');
    expect(await opacity()).toBe(1);
    const box = await anchor.boundingBox();
    expect(box!.width).toBeGreaterThan(8);
    await keepScreenshot(page, path.join(SHOTS, 'anchor-focus-1280.png'));
    await page.keyboard.press('Enter');
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#実装');
  });
});

describe('code blocks', () => {
  it('name their file and language, and copy exactly the code with the keyboard', async () => {
    const page = await open(scripted, ARTICLE);
    const block = page.locator('.code-block').first();
    expect(await block.locator('.code-block__name').textContent()).toBe('newton.py');
    expect(await block.locator('.code-block__language').textContent()).toBe('python');
    const button = block.getByRole('button', { name: 'コピー（newton.py のコード）' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => button.textContent()).toBe('コピーしました');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(PYTHON);
    expect(await block.getByRole('status').textContent()).toBe('コピーしました');

    const shell = page.locator('.code-block').nth(1);
    expect(await shell.locator('.code-block__language').textContent()).toBe('shell');
    await shell.getByRole('button').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(SHELL);
  });

  it('scroll a long line inside the block on a phone; the page does not widen', async () => {
    const page = await open(scripted, ARTICLE);
    const widths = await page.evaluate(() => {
      const pre = document.querySelector('.code-block pre')!;
      return {
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        pre: pre.scrollWidth,
        preBox: pre.clientWidth,
      };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.pre).toBeGreaterThan(widths.preBox);
  });

  it('offer no copy button without JavaScript', async () => {
    const page = await open(noScript, ARTICLE);
    expect(await page.locator('.code-block').count()).toBe(2);
    expect(await page.locator('.code-block__copy').count()).toBe(0);
    expect(await page.locator('.code-block__language').first().textContent()).toBe('python');
  });
});

describe('the search page without JavaScript', () => {
  it('says why it cannot search, and offers the tags and the article list', async () => {
    const page = await open(noScript, '/search/?q=%E5%AF%BE%E6%95%B0');
    await expect.poll(() => page.locator('.search-results__notice').isVisible()).toBe(true);
    const tags = page.locator('.search-browse .tag');
    expect(await tags.count()).toBeGreaterThan(3);
    await tags.first().click();
    expect(new URL(page.url()).pathname).toMatch(/^\/tags\//);
    await page.goBack();
    await page.getByRole('link', { name: 'すべての記事を新しい順に見る' }).click();
    expect(new URL(page.url()).pathname).toBe('/');
  });
});

describe('the page’s weight', () => {
  it('loads KaTeX’s stylesheet on a math article, not on the search, tag and author pages without formulas', async () => {
    // Its rules are inline: a page has them when it has KaTeX's font faces.
    const loads = async (url: string) => {
      const page = await open(noScript, url);
      const katex = await page.evaluate(() =>
        [...document.styleSheets].some(
          (sheet) =>
            (sheet.href ?? '').includes('katex') ||
            [...sheet.cssRules].some(
              (rule) => rule instanceof CSSFontFaceRule && rule.cssText.includes('KaTeX_'),
            ),
        ),
      );
      return katex;
    };
    expect(await loads(ARTICLE)).toBe(true);
    expect(await loads('/search/')).toBe(false);
    expect(await loads('/authors/%E5%B1%B1%E6%9C%AC-%E5%81%A5%E4%B8%80/')).toBe(false);
    expect(await loads('/tags/%E7%A2%BA%E7%8E%87/')).toBe(false);
  });

  it('the minified stylesheet is the same rules as the source, as Chromium parses them', async () => {
    const source = await readFile(path.join(repo, 'public/assets/style.css'), 'utf8');
    const page = await open(noScript, '/404.html');
    const rules = (css: string) =>
      page.evaluate((text) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        // Values with var() and @supports conditions are kept as written, spaces and all;
        // spaces there mean nothing.
        return [...sheet.cssRules].map((rule) =>
          rule.cssText.replace(/\s+/g, ' ').replace(/ ?, ?/g, ',').replace(/: /g, ':'),
        );
      }, css);
    const parsed = await rules(source);
    expect(parsed.length).toBeGreaterThan(200);
    expect(await rules(minifyCss(source))).toEqual(parsed);
    expect(await rules(await readFile(path.join(site.out, 'assets/style.css'), 'utf8'))).toEqual(
      parsed,
    );
  });
});

describe('axe-core', () => {
  it('finds nothing serious on the article or the search page', async () => {
    for (const [context, url] of [
      [scripted, ARTICLE],
      [scripted, '/search/'],
    ] as const) {
      const page = await open(context, url);
      expect(await axeViolations(page)).toEqual([]);
    }
  });
});

describe('screenshots for the developer', () => {
  it('article and search page at 390 and 1,280 px, light and dark, search also without JavaScript', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [390, 1280]) {
        const viewport = { width, height: width === 390 ? 844 : 900 };
        const article = await open(scripted, ARTICLE, viewport);
        await article.emulateMedia({ colorScheme: scheme });
        await article.locator('.code-block__copy').first().waitFor();
        await keepScreenshot(article, path.join(SHOTS, `article-${width}-${scheme}.png`), {
          fullPage: true,
        });
        for (const [context, name] of [
          [scripted, 'js'],
          [noScript, 'nojs'],
        ] as const) {
          const search = await open(context, '/search/?q=%E5%B9%B3%E6%96%B9%E6%A0%B9', viewport);
          await search.emulateMedia({ colorScheme: scheme });
          if (name === 'js') await search.locator('.search-result').first().waitFor();
          await keepScreenshot(search, path.join(SHOTS, `search-${name}-${width}-${scheme}.png`), {
            fullPage: true,
          });
        }
      }
    }
  }, 120_000);
});
