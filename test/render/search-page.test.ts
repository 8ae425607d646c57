import { describe, expect, test } from 'vitest';
import type { PageSpec } from '../../src/model/index.js';
import { articlePage, site, siteConfig, threeArticles } from './fixtures.js';
import { element, startTags, visibleText } from './html.js';
import { renderHtml } from './render-helpers.js';

const config = siteConfig({ baseUrl: 'https://example.com/blog/', basePath: '/blog/' });
const [newer, middle, older] = threeArticles('/blog/');
const all = site([newer, middle, older]);
const searchPage: PageSpec = { kind: 'search', path: 'search/index.html', url: '/blog/search/' };

describe('the header search box', () => {
  test('is a plain form that sends ?q= to the search page, so it works without JavaScript', async () => {
    const html = await renderHtml(articlePage(middle), all, config);
    const form = element(html, '<form class="site-search"') ?? '';
    expect(startTags(form)[0]!.attributes).toEqual(
      new Map([
        ['class', 'site-search'],
        ['role', 'search'],
        ['action', '/blog/search/'],
        ['method', 'get'],
      ]),
    );
    const input = startTags(form).find((tag) => tag.name === 'input')!;
    expect(input.attributes.get('name')).toBe('q');
    expect(input.attributes.get('type')).toBe('search');
    // Labelled for screen readers, and inside the page header's landmark.
    expect(form).toContain(
      '<label class="visually-hidden" for="site-search-query">サイト内検索</label>',
    );
    expect(input.attributes.get('id')).toBe('site-search-query');
    expect(element(html, '<header class="site-header"')).toContain(form);
  });
});

describe('the search page', async () => {
  const html = await renderHtml(searchPage, all, config);

  test('is titled 検索, kept out of search engines, and has no second header search box', () => {
    expect(html).toContain('<title>検索 | 数学ノート</title>');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('class="site-search"');
    expect(element(html, '<h1')).toBe('<h1 class="page-header__title">記事を検索</h1>');
  });

  test('has its own form on itself, labelled, which the script fills from ?q=', () => {
    const form = element(html, '<form class="search-form"') ?? '';
    expect(form).toContain('action="/blog/search/"');
    expect(form).toContain('name="q"');
    expect(form).toMatch(/<label class="search-form__label" for="search-query">/);
  });

  test('loads its script and the index from under the base path', () => {
    expect(html).toContain('<script type="module" src="/blog/assets/search/search.js"></script>');
    expect(html).toContain('data-search-index="/blog/search-index/"');
  });

  test('announces results politely and says what to do without JavaScript', () => {
    expect(html).toContain('<p class="search-results__status" role="status">');
    expect(visibleText(element(html, '<noscript>') ?? '')).toContain(
      '検索には JavaScript が必要です',
    );
  });
});

describe('reading aids on an article page', () => {
  test('an article with a table of contents is laid out for a side column', async () => {
    const html = await renderHtml(articlePage(middle), all, config);
    expect(html).toContain('<article class="post post--with-toc">');
    expect(html.indexOf('<nav class="toc"')).toBeLessThan(html.indexOf('<div class="post__body">'));
  });

  test('an article without one is a single column', async () => {
    const html = await renderHtml(articlePage(older), all, config);
    expect(html).toContain('<article class="post">');
  });
});

describe('the series page', () => {
  test('lists the parts in order, each with its number', async () => {
    const series = { name: '対数入門', url: '/blog/series/x/' };
    const html = await renderHtml(
      {
        kind: 'series',
        path: 'series/x/index.html',
        url: series.url,
        series,
        articles: [older, middle],
      },
      all,
      config,
    );
    const list = element(html, '<ol class="series-list"') ?? '';
    expect(visibleText(list)).toMatch(/^第1回 実数の連続性 .* 第2回 自然対数の定義 /);
  });
});
