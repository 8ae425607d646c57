import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/index.js';
import type { PageSpec } from '../../src/site/index.js';
import { rendered, siteConfig, slugs } from './fixtures.js';

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
    expect(front).toMatchObject({ articles: [], pagination: { current: 1, total: 1 } });
  });

  it('puts a single article on the front page with no neighbours', () => {
    const pages = indexPages(1);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.pagination).toEqual({ current: 1, total: 1 });
    expect(slugs(pages[0]!.articles)).toEqual(['記事1']);
  });

  it('fits exactly postsPerPage articles on one page', () => {
    const pages = indexPages(2);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.pagination).toEqual({ current: 1, total: 1 });
  });

  it('starts /page/2/ at postsPerPage + 1 articles', () => {
    const pages = indexPages(3);
    expect(pages.map((page) => [page.path, page.url])).toEqual([
      ['index.html', '/blog/'],
      ['page/2/index.html', '/blog/page/2/'],
    ]);
    expect(slugs(pages[0]!.articles)).toEqual(['記事3', '記事2']);
    expect(slugs(pages[1]!.articles)).toEqual(['記事1']);
    expect(pages[0]!.pagination).toEqual({ current: 1, total: 2, nextUrl: '/blog/page/2/' });
    expect(pages[1]!.pagination).toEqual({ current: 2, total: 2, previousUrl: '/blog/' });
  });

  it('links a middle page to the newer page before it and the older page after it', () => {
    const pages = indexPages(5);
    expect(pages[1]!.pagination).toEqual({
      current: 2,
      total: 3,
      previousUrl: '/blog/',
      nextUrl: '/blog/page/3/',
    });
  });
});
