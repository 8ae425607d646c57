import { describe, expect, test } from 'vitest';
import { buildTemplateData } from '../../src/render/index.js';
import type { PageSpec } from '../../src/model/index.js';
import { articlePage, onePage, site, siteArticle, siteConfig, threeArticles } from './fixtures.js';

const config = siteConfig({ baseUrl: 'https://example.com/blog', basePath: '/blog/' });
const [newer, middle, older] = threeArticles('/blog/');
const all = site([newer, middle, older]);

describe('the site view', () => {
  const data = buildTemplateData(articlePage(middle), all, config);

  test('carries the asset and feed URLs under the base path', () => {
    expect(data.site).toMatchObject({
      title: '数学ノート',
      language: 'ja',
      basePath: '/blog/',
      baseUrl: 'https://example.com/blog/',
      homeUrl: '/blog/',
      feedUrl: '/blog/feed.xml',
      searchUrl: '/blog/search/',
      searchIndexUrl: '/blog/search-index/',
      searchScriptUrl: '/blog/assets/search/search.js',
      stylesheetUrl: '/blog/assets/style.css',
      katexStylesheetUrl: '/blog/assets/katex/katex.min.css',
      iconUrl: '/blog/assets/favicon.svg',
      locale: 'ja_JP',
      copyrightYear: 2025,
    });
  });

  test('preloads KaTeX’s main fonts only on pages that show a formula', () => {
    const withMath = { ...middle, rendered: { ...middle.rendered, formulaCount: 3 } };
    expect(buildTemplateData(articlePage(withMath), all, config).site.preloadFontUrls).toEqual([
      '/blog/assets/katex/fonts/KaTeX_Main-Regular.woff2',
      '/blog/assets/katex/fonts/KaTeX_Math-Italic.woff2',
    ]);
    expect(data.site.preloadFontUrls).toEqual([]);
  });

  test('has no year when there is no article', () => {
    expect(
      buildTemplateData(
        { kind: 'not-found', path: '404.html', url: '/blog/404.html' },
        site([]),
        config,
      ).site.copyrightYear,
    ).toBe(0);
  });
});

describe('the article view', () => {
  const { article, page } = buildTemplateData(articlePage(middle), all, config);

  test('is plain data without cycles', () => {
    expect(() => JSON.stringify(article)).not.toThrow();
    expect(article?.previous).not.toHaveProperty('previous');
  });

  test('has the page title, canonical URL and description', () => {
    expect(page).toMatchObject({
      kind: 'article',
      url: '/blog/posts/%E5%AF%BE%E6%95%B0/',
      canonicalUrl: 'https://example.com/blog/posts/%E5%AF%BE%E6%95%B0/',
      title: '自然対数の定義 | 数学ノート',
      heading: '自然対数の定義',
      description: '抜粋です。',
      noindex: false,
      type: 'article',
      imageUrl: 'https://example.com/blog/assets/og-image.png',
    });
  });

  test('previous is older, next is newer', () => {
    expect(article?.previous?.title).toBe(older.rendered.article.title);
    expect(article?.next?.title).toBe(newer.rendered.article.title);
  });

  test('lists sections and subsections in the table of contents', () => {
    const withH4 = siteArticle({
      slug: 'x',
      title: 'x',
      date: '2025-01-01T00:00:00Z',
      headings: [
        { level: 2, id: 'a', text: 'A' },
        { level: 4, id: 'b', text: 'B' },
        { level: 3, id: 'c', text: 'C' },
      ],
    });
    expect(
      buildTemplateData(articlePage(withH4), all, config).article?.toc.map((h) => h.id),
    ).toEqual(['a', 'c']);
  });
});

describe('page titles and descriptions', () => {
  const title = (spec: PageSpec) => buildTemplateData(spec, all, config).page.title;
  const tag = middle.tags[0]!;

  test('by page kind', () => {
    const index: PageSpec & { kind: 'index' } = {
      kind: 'index',
      path: 'index.html',
      url: '/blog/',
      articles: [],
      pagination: { current: 1, total: 2, articleCount: 0 },
    };
    expect(title(index)).toBe('数学ノート');
    expect(title({ ...index, pagination: { current: 2, total: 2, articleCount: 0 } })).toBe(
      '数学ノート（2ページ目）',
    );
    expect(
      title({ kind: 'tag', path: '', url: tag.url, tag, articles: [], pagination: onePage(0) }),
    ).toBe('タグ「対数」の記事 | 数学ノート');
    expect(
      title({
        kind: 'author',
        path: '',
        url: '',
        author: middle.authors[0]!,
        articles: [],
        pagination: onePage(0),
      }),
    ).toBe('田中 太郎 の記事 | 数学ノート');
    const tagPage2: PageSpec = {
      kind: 'tag',
      path: '',
      url: tag.url,
      tag,
      articles: [],
      pagination: { current: 2, total: 2, articleCount: 11, previousUrl: tag.url },
    };
    expect(title(tagPage2)).toBe('タグ「対数」の記事（2ページ目） | 数学ノート');
    expect(buildTemplateData(tagPage2, all, config).page.heading).toBe(
      'タグ「対数」の記事（2ページ目）',
    );
    expect(
      title({
        kind: 'author',
        path: '',
        url: '',
        author: middle.authors[0]!,
        articles: [],
        pagination: { current: 3, total: 3, articleCount: 21 },
      }),
    ).toBe('田中 太郎 の記事（3ページ目） | 数学ノート');
    expect(
      title({
        kind: 'series',
        path: '',
        url: '',
        series: { name: '対数入門', url: '' },
        articles: [],
      }),
    ).toBe('シリーズ「対数入門」 | 数学ノート');
    expect(title({ kind: 'not-found', path: '', url: '/blog/404.html' })).toBe(
      'ページが見つかりません | 数学ノート',
    );
  });

  test('an article description wins over its excerpt; lists use the site description', () => {
    const described = siteArticle({
      slug: 'd',
      title: 'd',
      date: '2025-01-01T00:00:00Z',
      description: '対数の入門記事',
    });
    expect(buildTemplateData(articlePage(described), all, config).page.description).toBe(
      '対数の入門記事',
    );
    const bare = siteArticle({
      slug: 'e',
      title: 'e',
      date: '2025-01-01T00:00:00Z',
      excerptText: '',
    });
    expect(buildTemplateData(articlePage(bare), all, config).page.description).toBe(
      '大学数学をゆっくり読むブログ',
    );
    expect(
      buildTemplateData(
        { kind: 'tag', path: '', url: tag.url, tag, articles: [], pagination: onePage(0) },
        all,
        config,
      ).page.description,
    ).toBe('大学数学をゆっくり読むブログ');
  });
});
