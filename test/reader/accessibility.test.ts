/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { exampleSite, type SharedBuild } from '../support/example-site.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';
import { axeViolations } from './support.js';

/**
 * Every page type checked with axe-core in Chromium, in light and dark mode, and the
 * things axe cannot judge alone: the skip link, visible focus, landmarks, and
 * formulas that screen readers read from MathML.
 */

const PAGES = [
  { kind: 'index', url: '/' },
  { kind: 'older page', url: '/page/2/' },
  { kind: 'article', url: '/posts/compound-interest-1/' },
  { kind: 'article with code', url: '/posts/simultaneous-equations/' },
  { kind: 'tag', url: `/tags/${encodeURIComponent('解析')}/` },
  { kind: 'author', url: '/authors/sato/' },
  { kind: 'series', url: `/series/${encodeURIComponent('複利から指数関数へ')}/` },
  { kind: 'search', url: `/search/?q=${encodeURIComponent('指数関数')}` },
  { kind: '404', url: '/404.html' },
];

let site: SharedBuild;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = exampleSite().root;
  server = await serveFolder(site.out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([
  { scheme: 'light', width: 1280 },
  { scheme: 'dark', width: 1280 },
  { scheme: 'light', width: 390 },
  { scheme: 'dark', width: 390 },
] as const)('axe-core in $scheme mode at $width px', ({ scheme, width }) => {
  let context: BrowserContext;
  // One tab for the nine pages, as a reader clicking through would use: a new tab each time
  // cost a renderer process each, a tenth of this file's time.
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 800 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  for (const { kind, url } of PAGES) {
    it(`finds no serious or critical problem on the ${kind} page`, async () => {
      await page.goto(`${server.origin}${url}`);
      if (kind === 'search') await page.waitForSelector('.search-result');
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

describe('keyboard and screen readers', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  });
  afterAll(async () => {
    await context?.close();
  });

  it('the first Tab shows a skip link that moves to the main content', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/posts/compound-interest-1/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const box = element.getBoundingClientRect();
      return {
        text: element.textContent,
        visible: box.top >= 0 && box.bottom <= innerHeight && box.height > 0,
      };
    });
    expect(focused).toEqual({ text: '本文へ移動', visible: true });
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    await page.close();
  });

  it('every focusable element shows a visible focus ring', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/posts/compound-interest-1/`);
    const rings: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      rings.push(
        await page.evaluate(() => {
          const element = document.activeElement!;
          const style = getComputedStyle(element);
          const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
          return `${element.tagName.toLowerCase()}${ring ? '' : ' WITHOUT A FOCUS RING'}`;
        }),
      );
    }
    expect(rings.filter((ring) => ring.includes('WITHOUT'))).toEqual([]);
    // The walk went through links, the search box and its button, the folded series box
    // and table of contents, and scrollable formulas.
    expect([...new Set(rings)].sort()).toEqual(['a', 'button', 'input', 'span', 'summary']);
    await page.close();
  });

  it('has the landmarks a screen reader lists: banner, navigation, search, main, contentinfo', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/posts/compound-interest-1/`);
    const landmarks = await page.evaluate(() => ({
      banner: document.querySelectorAll('body > header').length,
      navigation: [...document.querySelectorAll('nav')].map((n) => n.getAttribute('aria-label')),
      search: document.querySelectorAll('[role="search"]').length,
      main: document.querySelectorAll('main').length,
      contentinfo: document.querySelectorAll('body > footer').length,
    }));
    expect(landmarks).toEqual({
      banner: 1,
      navigation: ['メインメニュー', 'シリーズ内の前後の回', '目次', '前後の記事'],
      search: 1,
      main: 1,
      contentinfo: 1,
    });
    await page.close();
  });

  it('reads formulas from MathML: KaTeX’s visual rendering is hidden from the accessibility tree', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/posts/log-base-change/`);
    const math = await page.evaluate(() =>
      [...document.querySelectorAll('.katex')].map((k) => ({
        mathml: k.querySelector(':scope > .katex-mathml > math') !== null,
        hidden: k.querySelector(':scope > .katex-html')?.getAttribute('aria-hidden'),
      })),
    );
    expect(math.length).toBeGreaterThan(10);
    expect(math.every((m) => m.mathml && m.hidden === 'true')).toBe(true);
    const snapshot = await page.locator('.math-display').first().ariaSnapshot();
    expect(snapshot).toContain('math');
    await page.close();
  });
});
