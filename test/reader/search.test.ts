/// <reference lib="dom" />
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { exampleSite, type SharedBuild } from '../support/example-site.js';
import { keepScreenshot } from '../support/screenshots.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';

/**
 * Search as a reader uses it: the example site and two tests-only articles, built
 * under /blog/ (and at /, below), served by a static host, searched in Chromium through
 * the search page.
 */

const BASE = '/blog/';
/** Where the screenshots of the search page go, when asked for (test/support/screenshots.ts): looked at by whoever changes it. */
const SHOTS = process.env.SEARCH_SHOTS ?? '/tmp/shots-search';
let site: SharedBuild;
let rootSite: SharedBuild;
let server: StaticServer;
let rootServer: StaticServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  ({ blog: site, root: rootSite } = exampleSite());
  server = await serveFolder(site.out, { basePath: BASE });
  rootServer = await serveFolder(rootSite.out);
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'ja-JP' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await rootServer?.close();
});

interface Found {
  status: string;
  /** Result links, as slugs: `/blog/posts/newton-sqrt/` → `newton-sqrt`. */
  slugs: string[];
  marks: string[];
}

async function readResults(page: Page): Promise<Found> {
  await page.waitForFunction(() => {
    const status = document.querySelector('.search-results__status')?.textContent ?? '';
    const busy = document.querySelector('.search-results')?.getAttribute('aria-busy');
    return busy === 'false' && /件|見つかりませんでした/.test(status);
  });
  return page.evaluate(() => ({
    status: document.querySelector('.search-results__status')!.textContent!,
    slugs: [...document.querySelectorAll<HTMLAnchorElement>('.search-result__title a')].map((a) =>
      decodeURIComponent(new URL(a.href).pathname.replace(/^(\/blog)?\/posts\/|\/$/g, '')),
    ),
    marks: [...document.querySelectorAll('.search-result__excerpt mark')].map(
      (m) => m.textContent!,
    ),
  }));
}

/** One tab for the queries, each a new search page in it: a new tab each cost more than the search. */
let searchTab: Page | undefined;

async function search(query: string): Promise<Found> {
  searchTab ??= await context.newPage();
  await searchTab.goto(`${server.origin}${BASE}search/?q=${encodeURIComponent(query)}`);
  return await readResults(searchTab);
}

describe('searching the site in Japanese', () => {
  // Each query with an article it must find. 新幹線, ガベージコレクション and 方程式 are words
  // a word segmenter would cut differently (Pagefind's did, at index and at query time).
  const QUERIES: [query: string, article: string][] = [
    ['対数', 'log-base-change'],
    ['対数', 'compound-interest-2'],
    ['微分', 'compound-interest-2'],
    ['指数関数', 'compound-interest-1'],
    ['指数関数', 'euler-formula'],
    ['新幹線', 'simultaneous-equations'],
    ['幹線', 'simultaneous-equations'],
    ['ガベージコレクション', 'simultaneous-equations'],
    ['方程式', 'simultaneous-equations'],
    ['方程式', 'newton-sqrt'],
    ['連立方程式', 'simultaneous-equations'],
    ['固有値', 'eigenvalues-2x2'],
    ['数学的帰納法', '数学的帰納法'],
    ['帰納法', '数学的帰納法'],
    ['期待値', 'linearity-of-expectation'],
    ['線形性', 'linearity-of-expectation'],
    ['条件付き確率', 'bayes-theorem'],
    ['陽性的中率', 'bayes-theorem'],
    ['ネイピア数', 'compound-interest-1'],
    ['オイラーの公式', 'euler-formula'],
    ['平方根', 'newton-sqrt'],
    ['底の変換公式', 'log-base-change'],
  ];

  for (const [query, article] of QUERIES) {
    it(`「${query}」 finds ${article}`, async () => {
      const found = await search(query);
      expect(found.slugs).toContain(article);
    });
  }

  it('a word no article has finds nothing, and says so', async () => {
    const found = await search('量子色力学');
    expect(found.slugs).toEqual([]);
    expect(found.status).toBe('「量子色力学」を含む記事は見つかりませんでした。');
  });

  it('results show an excerpt of the article’s text with the query marked', async () => {
    const found = await search('条件付き確率');
    expect(found.slugs[0]).toBe('bayes-theorem');
    expect(found.marks).toContain('条件付き確率');
    expect(found.status).toMatch(/^「条件付き確率」を含む記事: \d+件$/);
  });

  it('a query found only in a title lists the article first, marking nothing in its text', async () => {
    const found = await search('陽性的中率');
    expect(found.slugs).toEqual(['bayes-theorem']);
    // Its bigrams 陽性 and 中率 are in the text, but not the word: the lone pieces are not marked.
    expect(found.marks).toEqual([]);
  });

  it('a title match ranks before articles that only mention the word', async () => {
    const found = await search('ベイズの定理');
    expect(found.slugs[0]).toBe('bayes-theorem');
  });
});

describe('searching formulas', () => {
  it('log_a and \\log_a find the articles whose formulas use it, and only those', async () => {
    for (const query of ['log_a', '\\log_a']) {
      const found = await search(query);
      expect(found.slugs, query).toEqual(['log-base-change']);
      expect(found.marks.join(' '), query).toContain('log_a');
    }
  });

  it('the index holds formulas as their TeX: none of KaTeX’s HTML glyphs or MathML', async () => {
    const folder = path.join(site.out, 'search-index/doc');
    const fragments = await Promise.all(
      (await readdir(folder)).map(
        async (name) =>
          JSON.parse(gunzipSync(await readFile(path.join(folder, name))).toString()) as {
            url: string;
            text: string;
          },
      ),
    );
    const log = fragments.find((f) => f.url === `${BASE}posts/log-base-change/`)!;
    expect(log.text).toContain('$\\log_a b = \\frac{\\log_c b}{\\log_c a}');
    for (const { text } of fragments) {
      expect(text).not.toMatch(/katex|mord|semantics|annotation|application\/x-tex/);
    }
  });
});

describe('the search page and the header search box', () => {
  it('typing shows results and keeps the query in the address, so it can be shared', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}${BASE}search/`);
      await page.locator('#search-query').fill('ベイズ');
      const found = await readResults(page);
      expect(found.slugs).toContain('bayes-theorem');
      expect(new URL(page.url()).searchParams.get('q')).toBe('ベイズ');
    } finally {
      await page.close();
    }
  });

  it('the header box sends the reader to the search page with ?q=, even without JavaScript', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(`${server.origin}${BASE}posts/newton-sqrt/`);
      await page.locator('#site-search-query').fill('指数関数');
      await page.locator('.site-search__button').click();
      await page.waitForURL(/\/search\/\?q=/);
      const url = new URL(page.url());
      expect(url.pathname).toBe(`${BASE}search/`);
      expect(url.searchParams.get('q')).toBe('指数関数');
      await expect
        .poll(() => page.locator('.search-results__notice').innerText())
        .toContain('JavaScript');
    } finally {
      await noScript.close();
    }
  });

  it('with JavaScript the header box leads straight to the results', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}${BASE}`);
      await page.locator('#site-search-query').fill('固有値');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search\/\?q=/);
      expect((await readResults(page)).slugs).toContain('eigenvalues-2x2');
      expect(await page.locator('#search-query').inputValue()).toBe('固有値');
    } finally {
      await page.close();
    }
  });

  it('works under the base path: every request the search made stayed under /blog/ and succeeded', () => {
    const searchRequests = server.requests.filter((r) => /search/.test(r.url));
    expect(searchRequests.length).toBeGreaterThan(5);
    for (const request of server.requests) {
      expect(request.url.startsWith(BASE), request.url).toBe(true);
      expect(request.status, request.url).toBeLessThan(400);
    }
  });
});

describe('the search page at the site root, on a phone and a desktop', () => {
  for (const width of [390, 1280]) {
    it(`finds 指数関数 and shows its results at ${width} px`, async () => {
      const page = await context.newPage();
      try {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${rootServer.origin}/search/?q=${encodeURIComponent('指数関数')}`);
        const found = await readResults(page);
        expect(found.slugs).toEqual(
          expect.arrayContaining(['compound-interest-1', 'euler-formula']),
        );
        expect(found.marks).toContain('指数関数');
        await keepScreenshot(page, path.join(SHOTS, `root-${width}.png`), { fullPage: true });
      } finally {
        await page.close();
      }
    });
  }

  it('under /blog/ too, with a formula in the results', async () => {
    const page = await context.newPage();
    try {
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(`${server.origin}${BASE}search/?q=${encodeURIComponent('\\log_a')}`);
      expect((await readResults(page)).slugs).toEqual(['log-base-change']);
      await keepScreenshot(page, path.join(SHOTS, 'blog-390.png'), { fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await keepScreenshot(page, path.join(SHOTS, 'blog-1280.png'), { fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('every request of the root site’s search succeeded', () => {
    const searchRequests = rootServer.requests.filter((r) => /search/.test(r.url));
    expect(searchRequests.length).toBeGreaterThan(3);
    for (const request of rootServer.requests)
      expect(request.status, request.url).toBeLessThan(400);
  });
});
