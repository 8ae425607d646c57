/// <reference lib="dom" />
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { exampleSite, type SharedBuild } from '../support/example-site.js';
import { keepPdf, keepScreenshot } from '../support/screenshots.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';
import { SCREENSHOTS } from './support.js';

/**
 * How the site looks to a reader on a phone (390 px) and a desktop (1280 px), in light
 * and dark mode. Screenshots go to test-results/reader/ for people to look at, when asked
 * for (test/support/screenshots.ts); the
 * tests check what a reader would notice: nothing wider than the screen, formulas
 * scrolling inside themselves, fonts that loaded, the table of contents in its place,
 * headings broken between phrases, code and math readable in both themes, no jumps.
 */

const PAGES = [
  { name: 'index', url: '/' },
  { name: 'article', url: '/posts/compound-interest-1/' },
  { name: 'article-wide', url: '/posts/log-base-change/' },
  { name: 'article-code', url: '/posts/simultaneous-equations/' },
  { name: 'article-figure', url: '/posts/newton-sqrt/' },
  { name: 'article-theorem', url: '/posts/compound-interest-2/' },
  { name: 'tag', url: `/tags/${encodeURIComponent('解析')}/` },
  { name: 'search', url: `/search/?q=${encodeURIComponent('指数関数')}` },
] as const;

const WIDTHS = [
  { name: 'phone', width: 390, height: 844, isMobile: true },
  { name: 'desktop', width: 1280, height: 800, isMobile: false },
] as const;

const SCHEMES = ['light', 'dark'] as const;

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

/** What a page showed, measured in the browser. */
interface Observed {
  scrollWidth: number;
  innerWidth: number;
  /** Elements whose box sticks out of the viewport sideways. */
  outside: string[];
  /** Display formulas and code blocks wider than their box that do not scroll. */
  clipped: string[];
  failedFonts: string[];
  katexLoaded: boolean;
  layoutShift: number;
  background: string;
  text: string;
  mathColor: string;
  /** Where a heading's line broke inside a phrase: `見出し|テキスト`. */
  badBreaks: string[];
}

async function observe(page: Page): Promise<Observed> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const describe = (e: Element) =>
      `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${(e.textContent ?? '').slice(0, 30)}`;
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => {
        // Scroll boxes clip their content; KaTeX's MathML is laid out off screen for screen readers only.
        if (
          e.closest('.katex-display, pre, table, .visually-hidden, .skip-link, .katex-mathml, svg')
        ) {
          return false;
        }
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 1 || r.left < -1);
      })
      .map(describe);
    const clipped = [...document.querySelectorAll('.katex-display, pre')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
      .map(describe);
    const failedFonts = [...document.fonts]
      .filter((f) => f.status === 'error')
      .map((f) => f.family);
    const shifts = await new Promise<number>((resolve) => {
      let total = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[]) {
          if (!entry.hadRecentInput) total += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(total), 300);
    });
    const badBreaks: string[] = [];
    for (const heading of document.querySelectorAll('h1, h2, .post-card__title')) {
      // Offsets in the heading's text where a line may break: at <wbr>, after spaces and punctuation.
      const allowed = new Set<number>();
      const chars: { node: Text; index: number; offset: number }[] = [];
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_ALL);
      let offset = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Element && node.closest('.katex')) continue;
        if (node instanceof Element && node.tagName === 'WBR') allowed.add(offset);
        if (node instanceof Text && !node.parentElement?.closest('.katex')) {
          for (let i = 0; i < node.data.length; i++) {
            if (/[\s、。，．・）」』]/.test(node.data[i]!)) allowed.add(offset + 1);
            if (/[\s（「『]/.test(node.data[i]!)) allowed.add(offset);
            chars.push({ node, index: i, offset });
            offset++;
          }
        }
      }
      let top: number | undefined;
      for (const char of chars) {
        const range = document.createRange();
        range.setStart(char.node, char.index);
        range.setEnd(char.node, char.index + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0) continue;
        if (top !== undefined && rect.top > top + rect.height / 2 && !allowed.has(char.offset)) {
          const text = heading.textContent ?? '';
          badBreaks.push(`${text.slice(0, char.offset)}|${text.slice(char.offset)}`);
        }
        top = rect.top;
      }
    }
    const body = getComputedStyle(document.body);
    const math = document.querySelector('.katex');
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      outside,
      clipped,
      failedFonts,
      katexLoaded: document.fonts.check('16px KaTeX_Main'),
      layoutShift: shifts,
      background: body.backgroundColor,
      text: body.color,
      mathColor: math ? getComputedStyle(math).color : body.color,
      badBreaks,
    };
  });
}

function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? [])
    .slice(0, 3)
    .map(Number)
    .map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe.each(WIDTHS)('at $width px ($name)', (viewport) => {
  describe.each(SCHEMES)('in %s mode', (scheme) => {
    let context: BrowserContext;
    const seen = new Map<string, Observed>();

    beforeAll(async () => {
      context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        isMobile: viewport.isMobile,
        hasTouch: viewport.isMobile,
        colorScheme: scheme,
        locale: 'ja-JP',
      });
      // One tab for the eight pages: a new tab each cost a renderer process each.
      const page = await context.newPage();
      for (const { name, url } of PAGES) {
        await page.goto(`${server.origin}${url}`, { waitUntil: 'load' });
        if (name === 'search') await page.waitForSelector('.search-result');
        seen.set(name, await observe(page));
        const file = path.join(SCREENSHOTS, `${name}-${viewport.width}-${scheme}.png`);
        await keepScreenshot(page, file, { fullPage: true });
      }
      await page.close();
    }, 120_000);

    afterAll(async () => {
      await context?.close();
    });

    it('never makes the page wider than the screen; wide formulas and code scroll inside themselves', () => {
      for (const [name, o] of seen) {
        expect(o.scrollWidth, name).toBeLessThanOrEqual(o.innerWidth);
        expect(o.outside, name).toEqual([]);
        expect(o.clipped, name).toEqual([]);
      }
    });

    it('loads every font it asks for, KaTeX’s included', () => {
      for (const [name, o] of seen) {
        expect(o.failedFonts, name).toEqual([]);
      }
      expect(seen.get('article')!.katexLoaded).toBe(true);
    });

    it('does not jump about while it loads, search results included', () => {
      // Cumulative layout shift: 0.1 is what people start to notice; the search page without its
      // reserved room measured 0.08 to 0.15.
      for (const [name, o] of seen) expect(o.layoutShift, name).toBeLessThan(0.05);
    });

    it('breaks titles and headings only between phrases', () => {
      for (const [name, o] of seen) expect(o.badBreaks, name).toEqual([]);
    });

    it(`is ${scheme}, with text and formulas in the text colour and good contrast`, () => {
      for (const [name, o] of seen) {
        expect(luminance(o.background) < 0.2, name).toBe(scheme === 'dark');
        expect(contrast(o.text, o.background), name).toBeGreaterThan(7);
        expect(o.mathColor, name).toBe(o.text);
      }
    });
  });
});

describe('layout of an article', () => {
  async function boxes(width: number, height: number) {
    const context = await browser.newContext({ viewport: { width, height } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/posts/compound-interest-1/`);
      const measure = () =>
        page.evaluate(() => {
          const box = (selector: string) =>
            document.querySelector(selector)!.getBoundingClientRect();
          const header = document.querySelector('.site-header__inner')!.getBoundingClientRect();
          return {
            toc: box('.toc').toJSON(),
            body: box('.post__body').toJSON(),
            header: header.toJSON(),
          };
        });
      const top = await measure();
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      const scrolled = await measure();
      return { top, scrolled };
    } finally {
      await context.close();
    }
  }

  it('puts the table of contents beside the article on a wide screen, in view while scrolling', async () => {
    const { top, scrolled } = await boxes(1280, 800);
    expect(top.toc.left).toBeGreaterThanOrEqual(top.body.right);
    expect(top.toc.right).toBeLessThanOrEqual(1280);
    // The article column stays under the header's column.
    expect(Math.abs(top.body.left - top.header.left)).toBeLessThan(2);
    expect(scrolled.toc.top).toBeGreaterThanOrEqual(0);
    expect(scrolled.toc.top).toBeLessThan(100);
  });

  it('puts it at the top, above the text, on a phone', async () => {
    const { top } = await boxes(390, 844);
    expect(top.toc.bottom).toBeLessThanOrEqual(top.body.top);
    expect(top.toc.width).toBeGreaterThan(300);
  });
});

describe('highlighted code', () => {
  async function codeColours(scheme: 'light' | 'dark') {
    const context = await browser.newContext({ colorScheme: scheme });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/posts/simultaneous-equations/`);
      return await page.evaluate(() => {
        const pre = document.querySelector('pre.shiki')!;
        const background = getComputedStyle(pre).backgroundColor;
        const colours = [...pre.querySelectorAll('span[style]')].map(
          (s) => getComputedStyle(s).color,
        );
        return {
          background,
          colours: [...new Set(colours)],
          scripts: [
            ...document.querySelectorAll<HTMLScriptElement>('script:not([data-sugaku-reading])'),
          ].map((script) => script.getAttribute('src')?.replace(/^.*\//, '') ?? script.type),
        };
      });
    } finally {
      await context.close();
    }
  }

  it('is coloured in both themes, every colour readable on its background, by no script', async () => {
    const light = await codeColours('light');
    const dark = await codeColours('dark');
    for (const theme of [light, dark]) {
      expect(theme.colours.length).toBeGreaterThan(3);
      for (const colour of theme.colours) {
        expect(contrast(colour, theme.background), colour).toBeGreaterThanOrEqual(4.5);
      }
      // Highlighting needs no JavaScript: besides JSON-LD and the article's reading script,
      // only the copy buttons' script.
      expect(theme.scripts.sort()).toEqual(['application/ld+json', 'code-copy.js']);
    }
    expect(luminance(light.background)).toBeGreaterThan(0.8);
    expect(luminance(dark.background)).toBeLessThan(0.05);
  });
});

describe('printing', () => {
  it('drops the menus, search and navigation, and puts the table of contents back above the text', async () => {
    // A reader in dark mode prints too: paper is white all the same.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark',
    });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/posts/compound-interest-1/`);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => {
        const shown = (selector: string) => {
          const e = document.querySelector(selector);
          return e !== null && getComputedStyle(e).display !== 'none';
        };
        const toc = document.querySelector('.toc')!.getBoundingClientRect();
        const body = document.querySelector('.post__body')!.getBoundingClientRect();
        return {
          search: shown('.site-search'),
          menu: shown('.site-menu'),
          nav: shown('.post-nav'),
          body: shown('.post__body'),
          tocAbove: toc.bottom <= body.top,
        };
      });
      expect(printed).toEqual({
        search: false,
        menu: false,
        nav: false,
        body: true,
        tocAbove: true,
      });
      await keepPdf(page, path.join(SCREENSHOTS, 'article-print.pdf'));
    } finally {
      await context.close();
    }
  });
});

describe.each(WIDTHS.flatMap((viewport) => SCHEMES.map((scheme) => ({ viewport, scheme }))))(
  'what authors write every day, at $viewport.width px in $scheme mode',
  ({ viewport, scheme }) => {
    let context: BrowserContext;
    // One tab for the three tests, each of which opens its article first.
    let page: Page;
    beforeAll(async () => {
      context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        isMobile: viewport.isMobile,
        colorScheme: scheme,
      });
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    it('a figure kept beside its article shows, whole, with its caption under it', async () => {
      await page.goto(`${server.origin}/posts/newton-sqrt/`);
      const figure = page.locator('figure.figure').first();
      await figure.scrollIntoViewIfNeeded();
      const seen = await figure.evaluate(async (element) => {
        const img = element.querySelector('img')!;
        await img.decode();
        const box = img.getBoundingClientRect();
        const caption = element.querySelector('figcaption')!.getBoundingClientRect();
        return {
          loaded: img.naturalWidth > 0,
          width: box.width,
          column: element.parentElement!.getBoundingClientRect().width,
          captionBelow: caption.top >= box.bottom - 1,
          caption: element.querySelector('figcaption')!.textContent ?? '',
        };
      });
      expect(seen.loaded).toBe(true);
      expect(seen.width).toBeGreaterThan(0);
      expect(seen.width).toBeLessThanOrEqual(seen.column + 0.5);
      expect(seen.captionBelow).toBe(true);
      expect(seen.caption).toMatch(/^図 1: /);
      await keepScreenshot(
        figure,
        path.join(SCREENSHOTS, `figure-${viewport.width}-${scheme}.png`),
      );
    });

    it('a footnote marker leads to its note under 脚注, and the note leads back', async () => {
      await page.goto(`${server.origin}/posts/newton-sqrt/`);
      await page.locator('.footnote-ref a').first().click();
      const note = page.locator('.footnotes__item').first();
      await expect.poll(() => note.isVisible()).toBe(true);
      expect(await note.evaluate((e) => e.id === decodeURIComponent(location.hash.slice(1)))).toBe(
        true,
      );
      expect(await page.locator('.footnotes__title').textContent()).toBe('脚注');
      await keepScreenshot(
        page.locator('.footnotes'),
        path.join(SCREENSHOTS, `footnotes-${viewport.width}-${scheme}.png`),
      );
      await note.locator('a[href^="#fnref"]').first().click();
      expect(await page.evaluate(() => decodeURIComponent(location.hash))).toMatch(/^#fnref:/);
    });

    it('a theorem cited from the next part leads to the theorem, named and ended by its proof', async () => {
      await page.goto(`${server.origin}/posts/compound-interest-2/`);
      const citation = page.locator('a[href$="#thm-napier"]').first();
      expect(await citation.textContent()).toBe('定理 1');
      await citation.click();
      await page.waitForURL(/compound-interest-1\/#thm-napier$/);
      const theorem = page.locator('#thm-napier');
      expect(await theorem.locator('.theorem__name').textContent()).toBe('定理 1');
      const top = await theorem.evaluate((e) => e.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(viewport.height);
      const proof = theorem.locator(
        'xpath=following-sibling::div[contains(@class, "theorem--proof")][1]',
      );
      expect(await proof.locator('.proof__end').textContent()).toBe('∎証明終わり');
      await keepScreenshot(
        theorem,
        path.join(SCREENSHOTS, `theorem-${viewport.width}-${scheme}.png`),
      );
    });
  },
);
