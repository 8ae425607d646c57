/// <reference lib="dom" />
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { repo } from '../support/cli.js';
import { exampleSite } from '../support/example-site.js';
import { listFiles, pageUrls } from '../support/file-tree.js';
import { SCREENSHOTS_WANTED, keepScreenshot } from '../support/screenshots.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';

// Dozens of page visits at two widths, on a 2-core machine shared with the other test files.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });

/**
 * The example site as a reader meets it: built, served by a static host and opened in
 * Chromium on a phone and on a desktop. Screenshots of every page are left in
 * test-results/screenshots/ (git-ignored) for people to look at, when asked for
 * (test/support/screenshots.ts).
 */

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, isMobile: true },
  { name: 'desktop', width: 1280, height: 800, isMobile: false },
] as const;

const SCREENSHOTS = path.join(repo, 'test-results/screenshots');
/** A URL no page has: the host answers with 404.html. */
const MISSING_URL = '/posts/no-such-article/';

let out: string;
let server: StaticServer;
let browser: Browser;
/** The pages visited, by URL (see `pagesToVisit`), and the missing page. */
let urls: string[];

beforeAll(async () => {
  const site = exampleSite().root;
  expect(site.exitCode).toBe(0);
  out = site.out;
  urls = [...pagesToVisit(pageUrls(await listFiles(out))), MISSING_URL];
  server = await serveFolder(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What one page showed at one width. */
interface Visit {
  url: string;
  status: number;
  problems: string[];
  math: boolean;
  katexFaces: { loaded: string[]; failed: string[]; familiesUsed: string[] };
  checkMain: boolean;
  errorBoxes: number;
  overflowing: string[];
  scrollWidth: number;
  innerWidth: number;
  links: string[];
}

describe.each(VIEWPORTS)('the example site at $width px ($name)', (viewport) => {
  let context: BrowserContext;
  const visits: Visit[] = [];

  beforeAll(async () => {
    context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      isMobile: viewport.isMobile,
      hasTouch: viewport.isMobile,
      colorScheme: 'light',
      locale: 'ja-JP',
    });
    if (SCREENSHOTS_WANTED) {
      await rm(path.join(SCREENSHOTS, viewport.name), { recursive: true, force: true });
    }
    // One tab for every page, navigated from one to the next: a new tab each cost a renderer
    // process each, about as much as the visit itself.
    const tab = await openTab(context);
    try {
      for (const url of urls) visits.push(await visit(tab, url, viewport.name));
    } finally {
      await tab.page.close();
    }
  });
  afterAll(async () => {
    await context?.close();
  });

  it('visits every page type: home, older pages, articles, tags, authors, series and the 404 page', () => {
    const visited = visits.map((v) => v.url);
    expect(visited).toContain('/');
    for (const prefix of ['/page/', '/posts/', '/tags/', '/authors/', '/series/']) {
      expect(
        visited.some((url) => url.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
    expect(visits.find((v) => v.url === MISSING_URL)?.status).toBe(404);
    expect(visits.filter((v) => v.url !== MISSING_URL).every((v) => v.status === 200)).toBe(true);
  });

  it('logs no console error and fails no request on any page', () => {
    expect(visits.flatMap((v) => v.problems.map((p) => `${v.url}: ${p}`))).toEqual([]);
  });

  it('loads KaTeX’s fonts wherever there is math, and every font face a formula uses', () => {
    const withMath = visits.filter((v) => v.math);
    expect(withMath.length).toBeGreaterThanOrEqual(8);
    for (const v of withMath) {
      expect(v.checkMain, v.url).toBe(true);
      expect(v.katexFaces.loaded, v.url).toEqual(expect.arrayContaining(['KaTeX_Main']));
      expect(v.katexFaces.failed, v.url).toEqual([]);
      const missing = v.katexFaces.familiesUsed.filter((f) => !v.katexFaces.loaded.includes(f));
      expect(missing, v.url).toEqual([]);
    }
  });

  it('shows no KaTeX error and no math error box', () => {
    expect(visits.filter((v) => v.errorBoxes > 0).map((v) => v.url)).toEqual([]);
  });

  it('keeps every formula inside its column and never widens the page', () => {
    expect(visits.flatMap((v) => v.overflowing.map((o) => `${v.url}: ${o}`))).toEqual([]);
    for (const v of visits) expect(v.scrollWidth, v.url).toBeLessThanOrEqual(v.innerWidth);
  });

  it('opens an existing page from every link on every page (menus, cards, Read more, series, tags)', async () => {
    const targets = [...new Set(visits.flatMap((v) => v.links))].sort();
    expect(targets.length).toBeGreaterThan(20);
    const dead: string[] = [];
    for (const target of targets) {
      const response = await context.request.get(`${server.origin}${target}`, { maxRedirects: 0 });
      const type = response.headers()['content-type'] ?? '';
      const page = target.endsWith('/');
      if (response.status() !== 200 || (page && !type.startsWith('text/html'))) {
        dead.push(`${target} → ${response.status()}`);
      }
    }
    expect(dead).toEqual([]);
  });

  it('follows a click on the menu, a Read more card, the next article and the older page', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/`);
      await page.locator('.site-menu a', { hasText: '解析' }).click();
      await expect.poll(() => page.locator('h1').innerText()).toContain('解析');

      const article = urls.find((url) => url.startsWith('/posts/compound-interest-1'))!;
      await page.goto(`${server.origin}${article}`);
      const card = page.locator('.read-more .post-card__title a').first();
      const cardTitle = await card.innerText();
      await card.click();
      await expect.poll(() => page.locator('h1').innerText()).toBe(cardTitle);

      await page.goto(`${server.origin}${article}`);
      const next = page.locator('.series-box__next');
      // On a phone the series box is folded: a tap on its line opens it.
      if (!(await next.isVisible())) await page.locator('.series-box__summary').click();
      await next.click();
      await expect.poll(() => page.url()).toContain('compound-interest-2');
      await expect.poll(() => page.locator('.katex').count()).toBeGreaterThan(10);

      await page.goto(`${server.origin}/`);
      await page.locator('.pagination__older').click();
      await expect.poll(() => page.url()).toBe(`${server.origin}/page/2/`);
      await expect.poll(() => page.locator('.post-card').count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('visits every page it lists (and leaves a screenshot of each, when asked for)', () => {
    expect(visits.length).toBe(urls.length);
  });
});

/** A tab whose console errors, script errors and failed requests are kept for the URL it shows. */
interface Tab {
  page: Page;
  /** The URL being visited, and what went wrong on it so far. */
  current: { url: string; problems: string[] };
  /** Leaving the page for the next: what it still loads is aborted, as closing the tab aborted it. */
  leaving: boolean;
}

async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  const tab: Tab = { page, current: { url: '', problems: [] }, leaving: false };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, problems } = tab.current;
    // Chromium logs the 404 status of the missing page itself; that one is expected.
    const expected404 = url === MISSING_URL && message.location().url === `${server.origin}${url}`;
    if (!expected404) problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => tab.current.problems.push(`script error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '?';
    if (tab.leaving && error === 'net::ERR_ABORTED') return;
    tab.current.problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    const isThePage = response.request().isNavigationRequest() && tab.current.url === MISSING_URL;
    if (response.status() >= 400 && !isThePage) {
      tab.current.problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return tab;
}

async function visit(tab: Tab, url: string, viewportName: string): Promise<Visit> {
  const problems: string[] = [];
  tab.current = { url, problems };
  const { page } = tab;
  const response = await page.goto(`${server.origin}${url}`, { waitUntil: 'load' });
  // Article pages lay out a block far below the screen only when it comes near
  // (`content-visibility: auto`): a viewport as tall as the page shows every block as a
  // reader scrolling through it would, as a full-page screenshot does.
  // Blocks laid out may be taller than their placeholders: again until the page stops growing.
  const viewport = page.viewportSize()!;
  for (let round = 0, height = viewport.height; round < 4; round++) {
    const grown = await page.evaluate(async () => {
      await new Promise(requestAnimationFrame);
      return document.documentElement.scrollHeight;
    });
    if (grown <= height) break;
    height = grown;
    await page.setViewportSize({ width: viewport.width, height });
  }
  const observed = await page.evaluate(observePage);
  await page.setViewportSize(viewport);
  await keepScreenshot(page, path.join(SCREENSHOTS, viewportName, `${screenshotName(url)}.png`), {
    fullPage: true,
  });
  // Off to a blank page before the next visit: what this one still loads after `load` (the
  // favicon, an avatar) is aborted here, not while the next page loads.
  tab.leaving = true;
  await page.goto('about:blank');
  tab.leaving = false;
  return {
    url,
    status: response?.status() ?? 0,
    problems,
    ...observed,
    links: observed.links
      .filter((href) => href.startsWith(server.origin))
      .map((href) => href.slice(server.origin.length).split('#')[0]!),
  };
}

/** Runs in the page. */
async function observePage() {
  // Two frames: the blocks that came near the screen are laid out and their fonts asked for.
  for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
  await document.fonts.ready;
  const family = (face: FontFace) => face.family.replace(/["']/g, '');
  const katexFaces = [...document.fonts].filter((face) => family(face).startsWith('KaTeX_'));
  const loaded = [...new Set(katexFaces.filter((f) => f.status === 'loaded').map(family))].sort();
  const failed = katexFaces.filter((f) => f.status === 'error').map(family);
  const familiesUsed = new Set<string>();
  for (const element of document.querySelectorAll('.katex-html *')) {
    if (!element.firstChild || element.firstChild.nodeType !== Node.TEXT_NODE) continue;
    if (!element.textContent?.trim()) continue;
    const first = getComputedStyle(element).fontFamily.split(',')[0]!.trim().replace(/["']/g, '');
    if (first.startsWith('KaTeX_')) familiesUsed.add(first);
  }

  // A formula may scroll inside itself or inside a scrolling table, never past its column.
  const columnOf = (element: Element) => element.closest('.post__body, .post-card, main');
  const scrollerOf = (element: Element, column: Element) => {
    for (let a = element.parentElement; a && a !== column; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return a;
    }
    return undefined;
  };
  const overflowing: string[] = [];
  const formulas = document.querySelectorAll(
    '.katex-display, .katex:not(.katex-display .katex), .math-error',
  );
  for (const formula of formulas) {
    const column = columnOf(formula);
    if (!column) continue;
    const box = (scrollerOf(formula, column) ?? formula).getBoundingClientRect();
    const bounds = column.getBoundingClientRect();
    const tex = formula.querySelector('annotation')?.textContent?.trim().slice(0, 60) ?? '';
    if (box.left < bounds.left - 1 || box.right > bounds.right + 1) {
      overflowing.push(
        `${formula.className} [${Math.round(box.left)}, ${Math.round(box.right)}] outside ` +
          `${column.className || column.tagName} [${Math.round(bounds.left)}, ${Math.round(bounds.right)}]: ${tex}`,
      );
    }
    if (formula.matches('.katex-display') && formula.scrollWidth > formula.clientWidth + 1) {
      const overflow = getComputedStyle(formula).overflowX;
      if (overflow !== 'auto' && overflow !== 'scroll')
        overflowing.push(`clipped, not scrollable: ${tex}`);
    }
  }

  return {
    math: document.querySelector('.katex') !== null,
    katexFaces: { loaded, failed, familiesUsed: [...familiesUsed].sort() },
    checkMain: document.fonts.check('16px KaTeX_Main'),
    errorBoxes: document.querySelectorAll('.katex-error, .math-error').length,
    overflowing,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // Links within the page (`#main`, the table of contents) are the link checker's business.
    links: [...document.querySelectorAll('a[href]:not([href^="#"])')].map(
      (a) => (a as HTMLAnchorElement).href,
    ),
  };
}

/**
 * Every article (that is where the math is) and the first two pages of each list kind:
 * tag, author and series pages are the same template over other cards, and visiting all
 * of them at two widths would double the time of this file for little more to see.
 */
function pagesToVisit(all: readonly string[]): string[] {
  const kind = (url: string) => url.split('/')[1] ?? '';
  const seen = new Map<string, number>();
  return all.filter((url) => {
    const count = (seen.get(kind(url)) ?? 0) + 1;
    seen.set(kind(url), count);
    return kind(url) === 'posts' || count <= 2;
  });
}

function screenshotName(url: string): string {
  const name = decodeURIComponent(url)
    .replace(/^\/|\/$/g, '')
    .replace(/\//g, '_');
  return name === '' ? 'index' : name;
}
