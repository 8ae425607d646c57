import { describe, expect, it } from 'vitest';
import { buildSite, fileUrlFor, pagePathFor, urlFor } from '../../src/site/index.js';
import { rendered, siteConfig } from './fixtures.js';
import type { PageSpec, Site } from '../../src/model/index.js';

const TAISU = '%E5%AF%BE%E6%95%B0';
const KAISEKI = '%E8%A7%A3%E6%9E%90';

function page(site: Site, kind: PageSpec['kind'], path: string): PageSpec | undefined {
  return site.pages.find((candidate) => candidate.kind === kind && candidate.path === path);
}

describe('URLs with a base path', () => {
  const config = siteConfig({ basePath: '/blog/' });
  const site = buildSite(
    [
      rendered({
        slug: '対数',
        date: '2025-03-01',
        tags: ['解析'],
        authors: ['山田 花子'],
        series: '指数関数と対数',
        part: 1,
      }),
    ],
    config,
  );
  const article = site.articles[0]!;

  it('percent-encodes a Japanese slug in the article URL', () => {
    expect(article.url).toBe(`/blog/posts/${TAISU}/`);
  });

  it('percent-encodes a Japanese tag in the tag URL', () => {
    expect(article.tags).toEqual([{ name: '解析', url: `/blog/tags/${KAISEKI}/` }]);
  });

  it('percent-encodes series and author URLs', () => {
    expect(article.series!.url).toBe(`/blog/series/${encodeURIComponent('指数関数と対数')}/`);
    expect(article.authors[0]!.url).toBe(`/blog/authors/${encodeURIComponent('山田-花子')}/`);
  });

  it('writes pages to decoded paths without the base path', () => {
    expect(page(site, 'index', 'index.html')?.url).toBe('/blog/');
    expect(page(site, 'article', 'posts/対数/index.html')?.url).toBe(`/blog/posts/${TAISU}/`);
    expect(page(site, 'tag', 'tags/解析/index.html')?.url).toBe(`/blog/tags/${KAISEKI}/`);
    expect(page(site, 'series', 'series/指数関数と対数/index.html')).toBeDefined();
    expect(page(site, 'author', 'authors/山田-花子/index.html')).toBeDefined();
  });

  it('has a not-found page at 404.html', () => {
    expect(page(site, 'not-found', '404.html')?.url).toBe('/blog/404.html');
  });
});

describe('URL helpers', () => {
  it('build folder URLs, file URLs and output paths alike', () => {
    const config = siteConfig({ basePath: '/blog/' });
    expect(urlFor(config)).toBe('/blog/');
    expect(urlFor(config, 'tags', '解析')).toBe(`/blog/tags/${KAISEKI}/`);
    expect(fileUrlFor(config, 'assets', 'style.css')).toBe('/blog/assets/style.css');
    expect(pagePathFor('tags', '解析')).toBe('tags/解析/index.html');
  });

  it('never let a segment climb out of its folder', () => {
    const config = siteConfig({ basePath: '/' });
    expect(pagePathFor('tags', '..')).toBe('tags/--/index.html');
    expect(urlFor(config, 'tags', 'a/b')).toBe('/tags/a-b/');
  });
});

describe('unsafe names', () => {
  const site = buildSite(
    [
      rendered({
        slug: 'a',
        date: '2025-01-01',
        tags: ['../x', '..', '.', 'a\\b', 'tab\there'],
        series: '../../etc',
      }),
    ],
    siteConfig(),
  );

  it('never produce a page path outside the output folder', () => {
    for (const { path } of site.pages) {
      const segments = path.split('/');
      expect(segments).not.toContain('..');
      expect(segments).not.toContain('.');
      // eslint-disable-next-line no-control-regex -- looking for them is the point
      expect(path).not.toMatch(/[\\\u0000-\u001f]/);
    }
  });

  it('keep their display name while the tag path is made safe', () => {
    const tagPage = site.pages.find(
      (candidate) => candidate.kind === 'tag' && candidate.tag.name === '../x',
    );
    expect(tagPage?.path).toBe('tags/..-x/index.html');
    expect(tagPage?.url).toBe('/tags/..-x/');
  });

  it('give every tag its own page even when two make the same segment', () => {
    const clash = buildSite(
      [rendered({ slug: 'a', date: '2025-01-01', tags: ['a/b', 'a-b'] })],
      siteConfig(),
    );
    expect(clash.tags).toEqual([
      { name: 'a-b', url: '/tags/a-b/' },
      { name: 'a/b', url: '/tags/a-b-2/' },
    ]);
  });
});
