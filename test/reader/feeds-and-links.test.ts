/// <reference lib="dom" />
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { exampleSite, type SharedBuild } from '../support/example-site.js';

/**
 * What feed readers, crawlers and link checkers get: the Atom feed, the sitemap,
 * robots.txt and every internal URL, for the example site at the root of its host and
 * under /blog/. XML is parsed by Chromium's own parser. (Every link of both is checked
 * in test/e2e/links-and-html.test.ts.)
 */

let root: SharedBuild;
let blog: SharedBuild;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ root, blog } = exampleSite());
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

interface ParsedFeed {
  error: string | null;
  namespace: string | null;
  selfLink: string | null;
  updated: string | null;
  entries: {
    title: string;
    link: string;
    published: string;
    updated: string;
    authors: string[];
    content: { katexHtml: number; math: number; relativeUrls: string[]; text: string };
  }[];
}

function parseFeed(xml: string): Promise<ParsedFeed> {
  return page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const error = doc.querySelector('parsererror')?.textContent ?? null;
    const feed = doc.documentElement;
    const child = (e: Element, name: string) =>
      [...e.children].find((c) => c.localName === name)?.textContent ?? '';
    return {
      error,
      namespace: feed.namespaceURI,
      selfLink: feed.querySelector(':scope > link[rel="self"]')?.getAttribute('href') ?? null,
      updated: child(feed, 'updated'),
      entries: [...feed.children]
        .filter((e) => e.localName === 'entry')
        .map((entry) => {
          const html = new DOMParser().parseFromString(child(entry, 'content'), 'text/html');
          const urls = [...html.querySelectorAll('[href], [src]')].map(
            (e) => e.getAttribute('href') ?? e.getAttribute('src') ?? '',
          );
          return {
            title: child(entry, 'title'),
            link: entry.querySelector('link[rel="alternate"]')?.getAttribute('href') ?? '',
            published: child(entry, 'published'),
            updated: child(entry, 'updated'),
            authors: [...entry.querySelectorAll('author > name')].map((n) => n.textContent ?? ''),
            content: {
              katexHtml: html.querySelectorAll('.katex-html').length,
              math: html.querySelectorAll('math').length,
              relativeUrls: urls.filter((url) => !/^https?:\/\//.test(url)),
              text: html.body.textContent ?? '',
            },
          };
        }),
    };
  }, xml);
}

/** The articles of a built site, newest first, as their pages show them. */
async function articlesOf(out: string): Promise<{ title: string; date: string; slug: string }[]> {
  const slugs = await readdir(path.join(out, 'posts'));
  const articles = await Promise.all(
    slugs.map(async (slug) => {
      const html = await readFile(path.join(out, 'posts', slug, 'index.html'), 'utf8');
      const title = /<meta property="og:title" content="([^"]*)">/.exec(html)![1]!;
      const date = /<meta property="article:published_time" content="([^"]*)">/.exec(html)![1]!;
      return { title, date, slug };
    }),
  );
  return articles.sort(
    (a, b) => Date.parse(b.date) - Date.parse(a.date) || (a.slug < b.slug ? -1 : 1),
  );
}

describe.each([
  { name: 'at the root of the host', site: () => root, base: 'https://example.com/' },
  { name: 'under /blog/', site: () => blog, base: 'https://example.com/blog/' },
])('the example site $name', ({ site, base }) => {
  it('has a well-formed Atom feed of the latest articles, newest first, with full content', async () => {
    const feed = await parseFeed(await readFile(path.join(site().out, 'feed.xml'), 'utf8'));
    expect(feed.error).toBeNull();
    expect(feed.namespace).toBe('http://www.w3.org/2005/Atom');
    expect(feed.selfLink).toBe(`${base}feed.xml`);
    const articles = await articlesOf(site().out);
    expect(feed.entries.map((e) => e.title)).toEqual(articles.slice(0, 20).map((a) => a.title));
    expect(feed.entries.map((e) => e.link)).toEqual(
      articles.slice(0, 20).map((a) => `${base}posts/${encodeURIComponent(a.slug)}/`),
    );
    expect(feed.updated).toBe(
      feed.entries
        .map((e) => e.updated)
        .sort()
        .at(-1),
    );
    for (const entry of feed.entries) {
      expect(entry.published, entry.title).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/);
      expect(entry.authors.length, entry.title).toBeGreaterThan(0);
      expect(entry.content.text.length, entry.title).toBeGreaterThan(300);
    }
  });

  it('gives feed readers formulas as MathML only, and only absolute links', async () => {
    const feed = await parseFeed(await readFile(path.join(site().out, 'feed.xml'), 'utf8'));
    const formulas = feed.entries.reduce((sum, e) => sum + e.content.math, 0);
    expect(formulas).toBeGreaterThan(100);
    for (const entry of feed.entries) {
      expect(entry.content.katexHtml, entry.title).toBe(0);
      expect(entry.content.relativeUrls, entry.title).toEqual([]);
    }
  });

  it('lists every public page in the sitemap with its last change, and no 404 or search page', async () => {
    const xml = await readFile(path.join(site().out, 'sitemap.xml'), 'utf8');
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        namespace: doc.documentElement.namespaceURI,
        urls: [...doc.documentElement.children].map((url) => ({
          loc: url.children[0]?.textContent ?? '',
          lastmod: url.children[1]?.textContent ?? '',
        })),
      };
    }, xml);
    expect(parsed.error).toBeNull();
    expect(parsed.namespace).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = parsed.urls.map((u) => u.loc);
    for (const article of await articlesOf(site().out)) {
      expect(locs).toContain(`${base}posts/${encodeURIComponent(article.slug)}/`);
    }
    expect(locs).toContain(base);
    expect(locs).toContain(`${base}page/2/`);
    expect(locs).toContain(`${base}tags/${encodeURIComponent('解析')}/`);
    expect(locs.some((loc) => loc.includes('/search/') || loc.endsWith('404.html'))).toBe(false);
    for (const { loc, lastmod } of parsed.urls) {
      expect(lastmod, loc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/);
    }
  });

  it('has a robots.txt naming the sitemap', async () => {
    expect(await readFile(path.join(site().out, 'robots.txt'), 'utf8')).toContain(
      `Sitemap: ${base}sitemap.xml`,
    );
  });
});

describe('under /blog/', () => {
  /** Every URL a browser or crawler would follow, from every built text file, resolved against the file's own URL. */
  async function urlsOf(out: string): Promise<{ file: string; url: string }[]> {
    const entries = await readdir(out, { recursive: true, withFileTypes: true });
    const found: { file: string; url: string }[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path
        .relative(out, path.join(entry.parentPath, entry.name))
        .split(path.sep)
        .join('/');
      if (!/\.(html|css|xml|txt)$/.test(file)) continue;
      const text = await readFile(path.join(out, file), 'utf8');
      const raw: string[] = [];
      if (file.endsWith('.html')) {
        for (const m of text.matchAll(/\s(?:href|src|action|poster|data-search-index)="([^"]*)"/g))
          raw.push(m[1]!);
        for (const m of text.matchAll(/\ssrcset="([^"]*)"/g)) {
          raw.push(...m[1]!.split(',').map((c) => c.trim().split(/\s+/)[0]!));
        }
        for (const m of text.matchAll(/<meta property="og:(?:url|image)" content="([^"]*)">/g))
          raw.push(m[1]!);
        for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)/g)) raw.push(m[1]!);
      } else if (file.endsWith('.css')) {
        for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)/g)) raw.push(m[1]!);
      } else {
        for (const m of text.matchAll(/(?:href="|<loc>|<id>|<uri>|Sitemap: )([^"<\s]+)/g))
          raw.push(m[1]!);
      }
      const fileUrl = new URL(`/blog/${file}`, 'https://example.com/');
      for (const url of raw) {
        if (url.startsWith('#') || url.startsWith('data:')) continue;
        found.push({ file, url: new URL(url.replace(/&amp;/g, '&'), fileUrl).href });
      }
    }
    return found;
  }

  it('no internal URL escapes the base path: links, assets, forms, srcsets, CSS, feed, sitemap', async () => {
    const urls = await urlsOf(blog.out);
    const internal = urls.filter(({ url }) => new URL(url).origin === 'https://example.com');
    expect(internal.length).toBeGreaterThan(500);
    const escaped = internal.filter(({ url }) => !new URL(url).pathname.startsWith('/blog/'));
    expect(escaped).toEqual([]);
    // Kinds of URL that must be there, all under /blog/.
    const paths = new Set(internal.map(({ url }) => new URL(url).pathname));
    for (const expected of [
      '/blog/assets/style.css',
      '/blog/assets/search/search.js',
      '/blog/search-index/',
      '/blog/search/',
      '/blog/feed.xml',
      '/blog/sitemap.xml',
      '/blog/assets/og-image.png',
    ]) {
      expect(paths, expected).toContain(expected);
    }
    expect([...paths].some((p) => p.startsWith('/blog/assets/katex/fonts/'))).toBe(true);
  });
});
