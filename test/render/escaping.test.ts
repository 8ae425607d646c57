import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { PageSpec } from '../../src/model/index.js';
import { repo } from '../support/cli.js';
import { articlePage, chain, onePage, site, siteArticle, siteConfig } from './fixtures.js';
import { startTags } from './html.js';
import { renderHtml } from './render-helpers.js';

const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE = '" onmouseover="x';
const HOSTILE = `${SCRIPT}${ATTRIBUTE}`;

/** The article page's own script as its template writes it: the same on every page. */
const READING_SCRIPT = /<script data-sugaku-reading>([\s\S]*?)<\/script>/.exec(
  readFileSync(path.join(repo, 'templates/partials/reading-script.liquid'), 'utf8'),
)![1];

describe('front matter cannot inject HTML', async () => {
  const config = siteConfig({
    title: `ブログ${HOSTILE}`,
    description: `説明${HOSTILE}`,
    menu: [{ label: HOSTILE, url: '/' }],
  });
  const author = { id: 'evil', name: `著者${HOSTILE}`, bio: `紹介${HOSTILE}` };
  const hostile = siteArticle({
    slug: 'evil',
    title: `題名${HOSTILE}`,
    date: '2025-05-20T01:00:00Z',
    tags: [`タグ${HOSTILE}`],
    authors: [author],
    description: `概要${HOSTILE}`,
    headings: [
      { level: 2, id: 'a', text: `見出し${HOSTILE}` },
      { level: 2, id: `b${ATTRIBUTE}`, text: 'b' },
    ],
  });
  hostile.series = { name: `連載${HOSTILE}`, url: '/series/evil/', part: 1, total: 1 };
  hostile.seriesParts = [hostile];
  const reader = siteArticle({ slug: 'reader', title: '読む人', date: '2025-06-01T00:00:00Z' });
  chain([reader, hostile]);
  reader.readMore = [hostile];
  const all = site([reader, hostile]);
  const tag = hostile.tags[0]!;
  const authorRef = hostile.authors[0]!;
  const pages: PageSpec[] = [
    articlePage(hostile),
    articlePage(reader),
    {
      kind: 'index',
      path: 'index.html',
      url: '/',
      articles: [reader, hostile],
      pagination: onePage(2),
    },
    {
      kind: 'tag',
      path: 'tags/x/index.html',
      url: tag.url,
      tag,
      articles: [hostile],
      pagination: onePage(1),
    },
    {
      kind: 'author',
      path: 'authors/evil/index.html',
      url: authorRef.url,
      author: authorRef,
      articles: [hostile],
      pagination: onePage(1),
    },
    {
      kind: 'series',
      path: 'series/evil/index.html',
      url: '/series/evil/',
      series: hostile.series,
      articles: [hostile],
    },
    { kind: 'not-found', path: '404.html', url: '/404.html' },
  ];

  for (const spec of pages) {
    test(`on the ${spec.kind} page ${spec.url}`, async () => {
      const html = await renderHtml(spec, all, config);
      // The scripts a page may have: its JSON-LD, which holds no markup of its own, and
      // on an article the reading script, exactly as its template has it.
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      for (const [, attributes, body] of scripts) {
        if (attributes === ' data-sugaku-reading') {
          expect(body).toBe(READING_SCRIPT);
          continue;
        }
        expect(attributes).toBe(' type="application/ld+json"');
        expect(body).not.toMatch(/[<>&]/);
      }
      expect(html.match(/<script/g)?.length ?? 0).toBe(scripts.length);
      expect(html).not.toContain(ATTRIBUTE);
      const handlers = startTags(html).flatMap((tag) =>
        [...tag.attributes.keys()].filter((name) => name.startsWith('on')),
      );
      expect(handlers).toEqual([]);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x');
    });
  }

  test('every field shows up escaped where a reader sees it', async () => {
    const html = await renderHtml(articlePage(hostile), all, config);
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x';
    for (const shown of [
      `<title>題名${escaped} | ブログ${escaped}</title>`,
      `<meta name="description" content="概要${escaped}">`,
      `<h1 class="post__title">題名${escaped}</h1>`,
      `>タグ${escaped}</a>`,
      `>著者${escaped}</a>`,
      `>連載${escaped}</a>`,
      `href="#b&#34; onmouseover=&#34;x"`,
      `>${escaped}</a></li>`,
    ]) {
      expect(html).toContain(shown);
    }
    const authorPage = await renderHtml(pages[4]!, all, config);
    expect(authorPage).toContain(`<p class="page-header__bio">紹介${escaped}</p>`);
  });

  test('JSON-LD keeps hostile text as data: it parses back to exactly what was written', async () => {
    const html = await renderHtml(articlePage(hostile), all, config);
    const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
    expect(json).toBeDefined();
    const data = JSON.parse(json!) as {
      headline: string;
      keywords: string;
      author: { name: string }[];
    };
    expect(data.headline).toBe(`題名${HOSTILE}`);
    expect(data.keywords).toBe(`タグ${HOSTILE}`);
    expect(data.author[0]!.name).toBe(`著者${HOSTILE}`);
    expect(json).toContain('\\u003c/script\\u003e');
  });
});
