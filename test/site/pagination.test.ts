import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/index.js';
import { rendered, siteConfig, slugs } from './fixtures.js';
import type { PageSpec, Site } from '../../src/model/index.js';

function articles(count: number) {
  return Array.from({ length: count }, (_, index) =>
    rendered({ slug: `記事${index + 1}`, date: `2025-01-${String(index + 1).padStart(2, '0')}` }),
  );
}

function indexPages(count: number, postsPerPage = 2) {
  const site = buildSite(articles(count), siteConfig({ basePath: '/blog/', postsPerPage }));
  return site.pages.filter(
    (page): page is Extract<PageSpec, { kind: 'index' }> => page.kind === 'index',
  );
}

describe('pagination', () => {
  it('gives an empty site one empty front page, the 404 page and the search page', () => {
    const site = buildSite([], siteConfig());
    expect(site.pages.map((page) => [page.kind, page.path])).toEqual([
      ['index', 'index.html'],
      ['not-found', '404.html'],
      ['search', 'search/index.html'],
    ]);
    const [front] = site.pages;
    expect(front).toMatchObject({
      articles: [],
      pagination: { current: 1, total: 1, articleCount: 0 },
    });
  });

  it('puts a single article on the front page with no neighbours', () => {
    const pages = indexPages(1);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.pagination).toEqual({ current: 1, total: 1, articleCount: 1 });
    expect(slugs(pages[0]!.articles)).toEqual(['記事1']);
  });

  it('fits exactly postsPerPage articles on one page', () => {
    const pages = indexPages(2);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.pagination).toEqual({ current: 1, total: 1, articleCount: 2 });
  });

  it('starts /page/2/ at postsPerPage + 1 articles', () => {
    const pages = indexPages(3);
    expect(pages.map((page) => [page.path, page.url])).toEqual([
      ['index.html', '/blog/'],
      ['page/2/index.html', '/blog/page/2/'],
    ]);
    expect(slugs(pages[0]!.articles)).toEqual(['記事3', '記事2']);
    expect(slugs(pages[1]!.articles)).toEqual(['記事1']);
    expect(pages[0]!.pagination).toEqual({
      current: 1,
      total: 2,
      articleCount: 3,
      nextUrl: '/blog/page/2/',
    });
    expect(pages[1]!.pagination).toEqual({
      current: 2,
      total: 2,
      articleCount: 3,
      previousUrl: '/blog/',
    });
  });

  it('links a middle page to the newer page before it and the older page after it', () => {
    const pages = indexPages(5);
    expect(pages[1]!.pagination).toEqual({
      current: 2,
      total: 3,
      articleCount: 5,
      previousUrl: '/blog/',
      nextUrl: '/blog/page/3/',
    });
  });
});

const KAISEKI = '%E8%A7%A3%E6%9E%90';

type ListPage = Extract<PageSpec, { kind: 'tag' | 'author' }>;

/** `count` articles with the tag 解析 by 山田 花子, 記事1 the oldest, two to a page. */
function listSite(count: number, overrides: Parameters<typeof rendered>[0][] = []) {
  return buildSite(
    [
      ...Array.from({ length: count }, (_, index) =>
        rendered({
          slug: `記事${index + 1}`,
          date: `2025-01-${String(index + 1).padStart(2, '0')}`,
          tags: ['解析'],
          authors: ['山田 花子'],
        }),
      ),
      ...overrides.map(rendered),
    ],
    siteConfig({ basePath: '/blog/', postsPerPage: 2 }),
  );
}

function pagesOf(site: Site, kind: ListPage['kind']): ListPage[] {
  return site.pages.filter((page): page is ListPage => page.kind === kind);
}

describe('tag pages', () => {
  it('fit exactly postsPerPage articles of a tag on one page', () => {
    const pages = pagesOf(listSite(2), 'tag');
    expect(pages.map((page) => [page.path, page.url])).toEqual([
      ['tags/解析/index.html', `/blog/tags/${KAISEKI}/`],
    ]);
    expect(slugs(pages[0]!.articles)).toEqual(['記事2', '記事1']);
    expect(pages[0]!.pagination).toEqual({ current: 1, total: 1, articleCount: 2 });
  });

  it('continue at /tags/<tag>/page/2/ from postsPerPage + 1 articles, percent-encoded in URLs only', () => {
    const pages = pagesOf(listSite(3), 'tag');
    expect(pages.map((page) => [page.path, page.url])).toEqual([
      ['tags/解析/index.html', `/blog/tags/${KAISEKI}/`],
      ['tags/解析/page/2/index.html', `/blog/tags/${KAISEKI}/page/2/`],
    ]);
    expect(slugs(pages[0]!.articles)).toEqual(['記事3', '記事2']);
    expect(slugs(pages[1]!.articles)).toEqual(['記事1']);
    expect(pages[0]!.pagination).toEqual({
      current: 1,
      total: 2,
      articleCount: 3,
      nextUrl: `/blog/tags/${KAISEKI}/page/2/`,
    });
    expect(pages[1]!.pagination).toEqual({
      current: 2,
      total: 2,
      articleCount: 3,
      previousUrl: `/blog/tags/${KAISEKI}/`,
    });
    // Every page of the tag names the same tag, whose link is its first page.
    expect(pages.map((page) => page.kind === 'tag' && page.tag.url)).toEqual([
      `/blog/tags/${KAISEKI}/`,
      `/blog/tags/${KAISEKI}/`,
    ]);
  });

  it("cut the tag's own articles, not the site's", () => {
    const site = listSite(3, [
      { slug: '新しい', date: '2025-02-01', tags: ['代数'] },
      { slug: '間', date: '2025-01-02', tags: ['代数'] },
    ]);
    const kaiseki = pagesOf(site, 'tag').filter(
      (page) => page.kind === 'tag' && page.tag.name === '解析',
    );
    expect(kaiseki.map((page) => slugs(page.articles))).toEqual([['記事3', '記事2'], ['記事1']]);
    const daisu = pagesOf(site, 'tag').filter(
      (page) => page.kind === 'tag' && page.tag.name === '代数',
    );
    expect(daisu.map((page) => slugs(page.articles))).toEqual([['新しい', '間']]);
    const front = site.pages.find((page) => page.kind === 'index')!;
    expect(front.kind === 'index' && slugs(front.articles)).toEqual(['新しい', '記事3']);
  });

  it('give a tag named page its own folder, apart from the index pages', () => {
    const site = buildSite(
      ['a', 'b', 'c'].map((slug, index) =>
        rendered({ slug, date: `2025-01-0${index + 1}`, tags: ['page'] }),
      ),
      siteConfig({ postsPerPage: 2 }),
    );
    const paths = site.pages.map((page) => page.path);
    expect(paths).toContain('page/2/index.html');
    expect(paths).toContain('tags/page/index.html');
    expect(paths).toContain('tags/page/page/2/index.html');
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('author pages', () => {
  it('fit exactly postsPerPage articles on one page', () => {
    const pages = pagesOf(listSite(2), 'author');
    expect(pages.map((page) => page.path)).toEqual(['authors/山田-花子/index.html']);
    expect(pages[0]!.pagination).toEqual({ current: 1, total: 1, articleCount: 2 });
  });

  it('continue at /authors/<id>/page/N/, newest first', () => {
    const yamada = encodeURIComponent('山田-花子');
    const pages = pagesOf(listSite(5), 'author');
    expect(pages.map((page) => [page.path, page.url, slugs(page.articles)])).toEqual([
      ['authors/山田-花子/index.html', `/blog/authors/${yamada}/`, ['記事5', '記事4']],
      [
        'authors/山田-花子/page/2/index.html',
        `/blog/authors/${yamada}/page/2/`,
        ['記事3', '記事2'],
      ],
      ['authors/山田-花子/page/3/index.html', `/blog/authors/${yamada}/page/3/`, ['記事1']],
    ]);
    expect(pages[1]!.pagination).toEqual({
      current: 2,
      total: 3,
      articleCount: 5,
      previousUrl: `/blog/authors/${yamada}/`,
      nextUrl: `/blog/authors/${yamada}/page/3/`,
    });
  });
});

describe('series pages', () => {
  it('stay one page, however many parts', () => {
    const site = buildSite(
      ['a', 'b', 'c'].map((slug, index) =>
        rendered({ slug, date: `2025-01-0${index + 1}`, series: '連載', part: index + 1 }),
      ),
      siteConfig({ postsPerPage: 2 }),
    );
    const series = site.pages.filter((page) => page.kind === 'series');
    expect(
      series.map((page) => [page.path, page.kind === 'series' && slugs(page.articles)]),
    ).toEqual([['series/連載/index.html', ['a', 'b', 'c']]]);
  });
});
