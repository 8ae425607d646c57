import { describe, expect, test } from 'vitest';
import type { PageSpec } from '../../src/model/index.js';
import { articlePage, onePage, site, siteConfig, threeArticles } from './fixtures.js';
import { links, startTags } from './html.js';
import { renderHtml } from './render-helpers.js';

describe('a site under /blog/', async () => {
  const config = siteConfig({
    baseUrl: 'https://example.com/blog/',
    basePath: '/blog/',
    menu: [
      { label: 'ホーム', url: '/' },
      { label: '解析', url: '/tags/解析/' },
      { label: 'GitHub', url: 'https://github.com/sugaku' },
    ],
  });
  const [newer, middle, older] = threeArticles('/blog/');
  middle.series = {
    name: '対数入門',
    url: '/blog/series/%E5%AF%BE%E6%95%B0%E5%85%A5%E9%96%80/',
    part: 1,
    total: 1,
  };
  middle.seriesParts = [middle];
  const all = site([newer, middle, older]);
  const analysis = middle.tags[1]!;
  const pages: PageSpec[] = [
    articlePage(middle),
    {
      kind: 'index',
      path: 'page/2/index.html',
      url: '/blog/page/2/',
      articles: [newer, middle, older],
      pagination: {
        current: 2,
        total: 3,
        articleCount: 7,
        previousUrl: '/blog/',
        nextUrl: '/blog/page/3/',
      },
    },
    {
      kind: 'tag',
      path: 'tags/解析/index.html',
      url: analysis.url,
      tag: analysis,
      articles: [middle, older],
      pagination: onePage(2),
    },
    {
      kind: 'author',
      path: 'authors/tanaka/index.html',
      url: '/blog/authors/tanaka/',
      author: middle.authors[0]!,
      articles: [newer, middle],
      pagination: onePage(2),
    },
    {
      kind: 'series',
      path: 'series/対数入門/index.html',
      url: middle.series.url,
      series: middle.series,
      articles: [middle],
    },
    { kind: 'not-found', path: '404.html', url: '/blog/404.html' },
    { kind: 'search', path: 'search/index.html', url: '/blog/search/' },
  ];

  for (const spec of pages) {
    test(`every internal link on the ${spec.kind} page starts with /blog/`, async () => {
      const html = await renderHtml(spec, all, config);
      const internal = links(html).filter(
        (url) => !/^https?:\/\//.test(url) && !url.startsWith('#'),
      );
      expect(internal.length).toBeGreaterThan(5);
      for (const url of internal) expect(url).toMatch(/^\/blog\//);
      expect(links(html)).toEqual(
        expect.arrayContaining([
          '/blog/assets/style.css',
          '/blog/feed.xml',
          '/blog/search/',
          '/blog/',
          '/blog/tags/%E8%A7%A3%E6%9E%90/',
          'https://github.com/sugaku',
        ]),
      );
    });
  }

  test('cards link to articles under /blog/posts/', async () => {
    const html = await renderHtml(pages[1]!, all, config);
    expect(html).toContain('<a href="/blog/posts/%E5%AF%BE%E6%95%B0/">自然対数の<wbr>定義</a>');
  });

  test('the canonical URL is absolute under the base URL', async () => {
    const html = await renderHtml(articlePage(middle), all, config);
    expect(html).toContain(
      '<link rel="canonical" href="https://example.com/blog/posts/%E5%AF%BE%E6%95%B0/">',
    );
  });

  test('the menu item of the current page is marked for assistive technology', async () => {
    const html = await renderHtml(pages[2]!, all, config);
    const current = startTags(html).filter((tag) => tag.attributes.get('aria-current') === 'page');
    expect(current.map((tag) => tag.attributes.get('href'))).toEqual([
      '/blog/tags/%E8%A7%A3%E6%9E%90/',
    ]);
    expect(html).toContain('<nav class="site-menu" aria-label="メインメニュー">');
  });
});
