import { describe, expect, it } from 'vitest';
import { buildSite, createSiteBuilder } from '../../src/site/index.js';
import { rendered, siteConfig } from './fixtures.js';
import type { Site } from '../../src/model/index.js';

const SERIES = '指数関数と対数';

function articles() {
  return [
    rendered({
      slug: '指数関数',
      date: '2025-01-01',
      tags: ['解析'],
      series: SERIES,
      part: 1,
      authors: ['tanaka'],
    }),
    rendered({
      slug: '対数',
      date: '2025-01-08',
      tags: ['解析', '代数'],
      series: SERIES,
      part: 2,
      authors: ['tanaka'],
    }),
    rendered({ slug: '級数', date: '2025-01-08', tags: ['解析', '代数'], authors: ['山田 花子'] }),
    rendered({
      slug: '積分',
      date: '2025-03-01',
      tags: ['解析'],
      authors: ['山田 花子', 'tanaka'],
    }),
    rendered({ slug: '群論', date: '2025-04-01', tags: ['代数', '../x'] }),
    rendered({ slug: '雑記', date: '2025-05-01' }),
  ];
}

const config = siteConfig({
  basePath: '/blog/',
  postsPerPage: 2,
  readMoreCount: 2,
  authors: { tanaka: { name: '田中太郎' } },
});

/** The graph as plain data: object identity replaced by URLs, so a diff is readable. */
function outline(site: Site) {
  return {
    articles: site.articles.map((article) => ({
      url: article.url,
      newer: article.newer?.url,
      older: article.older?.url,
      authors: article.authors,
      tags: article.tags,
      series: article.series,
      seriesParts: article.seriesParts.map((part) => part.url),
      readMore: article.readMore.map((other) => other.url),
      readingMinutes: article.readingMinutes,
    })),
    tags: site.tags,
    authors: site.authors,
    pages: site.pages.map((page) => ({
      kind: page.kind,
      path: page.path,
      url: page.url,
      articles: 'articles' in page ? page.articles.map((article) => article.url) : undefined,
      pagination: 'pagination' in page ? page.pagination : undefined,
    })),
  };
}

describe('determinism', () => {
  it('builds the same site twice from the same input', () => {
    const first = buildSite(articles(), config);
    const second = buildSite(articles(), config);
    expect(second).toEqual(first);
    expect(outline(second)).toEqual(outline(first));
  });

  it('builds the same site whatever the order of the input', () => {
    const input = articles();
    const expected = buildSite(input, config);
    for (const order of [[...input].reverse(), [3, 0, 5, 1, 4, 2].map((index) => input[index]!)]) {
      const shuffled = buildSite(order, config);
      expect(outline(shuffled)).toEqual(outline(expected));
      expect(shuffled).toEqual(expected);
    }
  });

  it('does not reorder or change the input', () => {
    const input = articles();
    const before = input.map((entry) => entry.article.slug);
    buildSite(input, config);
    expect(input.map((entry) => entry.article.slug)).toEqual(before);
  });
});

describe('a site builder that remembers the last site', () => {
  /** `articles()` with one article changed; the rest are the very same objects as in `input`. */
  function edited(
    input: ReturnType<typeof articles>,
    slug: string,
    change: (entry: ReturnType<typeof rendered>) => ReturnType<typeof rendered>,
  ) {
    return input.map((entry) => (entry.article.slug === slug ? change(entry) : entry));
  }

  it('gives the site buildSite gives, edit after edit, in place or placed anew', () => {
    const placeSite = createSiteBuilder();
    let input = articles();
    const first = placeSite(input, config);
    expect(outline(first)).toEqual(outline(buildSite(input, config)));

    // Only what the article says: the same site, with the new render in it.
    input = edited(input, '対数', (entry) => ({
      ...entry,
      article: { ...entry.article, title: '対数の性質' },
      excerptHtml: '新しい書き出し',
      readingLength: 2500,
    }));
    const retitled = placeSite(input, config);
    expect(retitled).toBe(first);
    expect(outline(retitled)).toEqual(outline(buildSite(input, config)));
    const page = retitled.pages.find((spec) => spec.url === '/blog/posts/%E5%AF%BE%E6%95%B0/');
    expect(page?.kind === 'article' && page.article.rendered.article.title).toBe('対数の性質');
    expect(retitled.articles.find((a) => a.slug === '対数')?.readingMinutes).toBe(5);

    // Where articles stand: placed anew.
    const moves: [string, (entry: ReturnType<typeof rendered>) => ReturnType<typeof rendered>][] = [
      [
        '級数',
        (e) => ({ ...e, article: { ...e.article, date: new Date('2025-06-01T00:00:00+09:00') } }),
      ],
      ['群論', (e) => ({ ...e, article: { ...e.article, tags: ['代数', '位相'] } })],
      ['雑記', (e) => ({ ...e, article: { ...e.article, authors: ['tanaka'] } })],
      ['積分', (e) => ({ ...e, article: { ...e.article, series: SERIES, part: 3 } })],
    ];
    for (const [slug, move] of moves) {
      input = edited(input, slug, move);
      const moved = placeSite(input, config);
      expect(moved, slug).not.toBe(first);
      expect(outline(moved), slug).toEqual(outline(buildSite(input, config)));
    }
    // And under another config.
    const wider = siteConfig({ ...config, postsPerPage: 3 });
    expect(outline(placeSite(input, wider))).toEqual(outline(buildSite(input, wider)));
  });
});
