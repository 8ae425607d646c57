import { describe, expect, test } from 'vitest';
import { buildSite } from '../../src/site/index.js';
import type { PageSpec } from '../../src/model/index.js';
import { rendered } from '../site/fixtures.js';
import { articlePage, onePage, site, siteArticle, siteConfig, threeArticles } from './fixtures.js';
import { element, startTags, visibleText } from './html.js';
import { renderHtml } from './render-helpers.js';

const config = siteConfig();
const [newer, middle, older] = threeArticles();
const all = site([newer, middle, older]);

function indexPage(current: number, total: number): PageSpec {
  return {
    kind: 'index',
    path: current === 1 ? 'index.html' : `page/${current}/index.html`,
    url: current === 1 ? '/' : `/page/${current}/`,
    articles: [newer, middle, older],
    pagination: {
      current,
      total,
      articleCount: 3 * total,
      ...(current > 1 ? { previousUrl: current === 2 ? '/' : `/page/${current - 1}/` } : {}),
      ...(current < total ? { nextUrl: `/page/${current + 1}/` } : {}),
    },
  };
}

describe('the index', () => {
  test('lists a card per article, newest first', async () => {
    const html = await renderHtml(indexPage(1, 1), all, config);
    const titles = [
      ...html.matchAll(/<h2 class="post-card__title"><a href="[^"]*">(.*?)<\/a>/g),
    ].map((m) => m[1]!.replace(/<wbr>/g, ''));
    expect(titles).toEqual(['指数関数とその逆関数', '自然対数の定義', '実数の連続性']);
    expect(html).toContain('<title>数学ノート</title>');
    expect(html).not.toContain('class="pagination"');
  });

  test('a middle page links to newer and older pages and says where it is', async () => {
    const html = await renderHtml(indexPage(2, 3), all, config);
    const nav = element(html, '<nav class="pagination"') ?? '';
    expect(nav).toContain('aria-label="ページ送り"');
    expect(visibleText(nav)).toBe('← 新しい記事 2 / 3 ページ 古い記事 →');
    expect(startTags(nav).flatMap((tag) => tag.attributes.get('href') ?? [])).toEqual([
      '/',
      '/page/3/',
    ]);
    expect(html).toContain('<title>数学ノート（2ページ目）</title>');
  });

  test('the first page has only 古い記事, the last only 新しい記事', async () => {
    expect(
      visibleText(
        element(await renderHtml(indexPage(1, 2), all, config), '<nav class="pagination"') ?? '',
      ),
    ).toBe('1 / 2 ページ 古い記事 →');
    expect(
      visibleText(
        element(await renderHtml(indexPage(2, 2), all, config), '<nav class="pagination"') ?? '',
      ),
    ).toBe('← 新しい記事 2 / 2 ページ');
  });

  test('a site without articles says so', async () => {
    const html = await renderHtml(
      { ...indexPage(1, 1), articles: [] } as PageSpec,
      site([]),
      config,
    );
    expect(visibleText(html)).toContain('まだ記事がありません。');
    expect(visibleText(element(html, '<footer') ?? '')).toBe(
      '© 数学ノート フィード（Atom） · Powered by sugaku',
    );
  });
});

describe('tag, author, series and 404 pages', () => {
  test('a tag page', async () => {
    const tag = middle.tags[0]!;
    const html = await renderHtml(
      {
        kind: 'tag',
        path: 'tags/対数/index.html',
        url: tag.url,
        tag,
        articles: [middle],
        pagination: onePage(1),
      },
      all,
      config,
    );
    expect(html).toContain('<title>タグ「対数」の記事 | 数学ノート</title>');
    expect(element(html, '<h1')).toBe('<h1 class="page-header__title">タグ「対数」の記事</h1>');
    expect(visibleText(html)).toContain('1件の記事');
    expect(html.split('<article class="post-card">')).toHaveLength(2);
    expect(html).not.toContain('class="pagination"');
  });

  test('an author page shows the bio', async () => {
    const author = { ...middle.authors[0]!, bio: '解析学が好きです。' };
    const html = await renderHtml(
      {
        kind: 'author',
        path: 'authors/tanaka/index.html',
        url: author.url,
        author,
        articles: [newer, middle],
        pagination: onePage(2),
      },
      all,
      config,
    );
    expect(html).toContain('<title>田中 太郎 の記事 | 数学ノート</title>');
    expect(visibleText(html)).toContain('田中 太郎 の記事 解析学が好きです。 2件の記事');
  });

  test('a series page', async () => {
    const series = { name: '対数入門', url: '/series/%E5%AF%BE%E6%95%B0%E5%85%A5%E9%96%80/' };
    const html = await renderHtml(
      {
        kind: 'series',
        path: 'series/対数入門/index.html',
        url: series.url,
        series,
        articles: [older, middle],
      },
      all,
      config,
    );
    expect(html).toContain('<title>シリーズ「対数入門」 | 数学ノート</title>');
    expect(element(html, '<h1')).toBe('<h1 class="page-header__title">シリーズ「対数入門」</h1>');
  });

  test('the 404 page links home and is not indexed', async () => {
    const html = await renderHtml(
      { kind: 'not-found', path: '404.html', url: '/404.html' },
      all,
      config,
    );
    expect(html).toContain('<title>ページが見つかりません | 数学ノート</title>');
    expect(element(html, '<h1')).toBe('<h1>ページが見つかりません</h1>');
    expect(html).toContain('<a href="/">トップページへ戻る</a>');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('rel="canonical"');
  });
});

describe('tag and author pages cut into pages', () => {
  const KAISEKI = '%E8%A7%A3%E6%9E%90';
  // Five articles tagged 解析 by 佐藤 葵, two to a page, built by the site stage.
  const paged = siteConfig({ postsPerPage: 2, authors: { sato: { name: '佐藤 葵' } } });
  const built = buildSite(
    [1, 2, 3, 4, 5].map((n) =>
      rendered({ slug: `記事${n}`, date: `2025-01-0${n}`, tags: ['解析'], authors: ['sato'] }),
    ),
    paged,
  );
  const pageAt = (url: string) => built.pages.find((page) => page.url === url)!;
  const cardTitles = (html: string) =>
    [...html.matchAll(/<h2 class="post-card__title"><a href="[^"]*">(.*?)<\/a>/g)].map((m) =>
      m[1]!.replace(/<wbr>/g, ''),
    );

  test('page 2 of a tag has its number in the title, its share of the cards and the whole count', async () => {
    const html = await renderHtml(pageAt(`/tags/${KAISEKI}/page/2/`), built, paged);
    expect(html).toContain('<title>タグ「解析」の記事（2ページ目） | 数学ノート</title>');
    expect(element(html, '<h1')).toBe('<h1 class="page-header__title">タグ「解析」の記事</h1>');
    expect(visibleText(element(html, '<header class="page-header"') ?? '')).toBe(
      'タグ「解析」の記事 5件の記事',
    );
    expect(cardTitles(html)).toEqual(['記事3について', '記事2について']);
    expect(html).toContain(
      `<link rel="canonical" href="https://example.com/tags/${KAISEKI}/page/2/">`,
    );
  });

  test('page 2 of a tag links to the newer first page and the older third page', async () => {
    const html = await renderHtml(pageAt(`/tags/${KAISEKI}/page/2/`), built, paged);
    const nav = element(html, '<nav class="pagination"') ?? '';
    expect(nav).toContain('aria-label="ページ送り"');
    expect(visibleText(nav)).toBe('← 新しい記事 2 / 3 ページ 古い記事 →');
    expect(startTags(nav).flatMap((tag) => tag.attributes.get('href') ?? [])).toEqual([
      `/tags/${KAISEKI}/`,
      `/tags/${KAISEKI}/page/3/`,
    ]);
  });

  test('the first page of a tag keeps its title and links only to the older page', async () => {
    const html = await renderHtml(pageAt(`/tags/${KAISEKI}/`), built, paged);
    expect(html).toContain('<title>タグ「解析」の記事 | 数学ノート</title>');
    expect(cardTitles(html)).toEqual(['記事5について', '記事4について']);
    const nav = element(html, '<nav class="pagination"') ?? '';
    expect(visibleText(nav)).toBe('1 / 3 ページ 古い記事 →');
    expect(startTags(nav).flatMap((tag) => tag.attributes.get('href') ?? [])).toEqual([
      `/tags/${KAISEKI}/page/2/`,
    ]);
  });

  test('the last page of an author links back to the newer page only', async () => {
    const html = await renderHtml(pageAt('/authors/sato/page/3/'), built, paged);
    expect(html).toContain('<title>佐藤 葵 の記事（3ページ目） | 数学ノート</title>');
    expect(visibleText(html)).toContain('佐藤 葵 の記事 5件の記事');
    expect(cardTitles(html)).toEqual(['記事1について']);
    const nav = element(html, '<nav class="pagination"') ?? '';
    expect(visibleText(nav)).toBe('← 新しい記事 3 / 3 ページ');
    expect(startTags(nav).flatMap((tag) => tag.attributes.get('href') ?? [])).toEqual([
      '/authors/sato/page/2/',
    ]);
  });
});

describe('the series box of an article', async () => {
  const parts = [1, 2, 3].map((part) =>
    siteArticle({
      slug: `part-${part}`,
      title: `対数入門 第${part}回`,
      date: `2025-0${part}-01T00:00:00Z`,
    }),
  );
  for (const [index, part] of parts.entries()) {
    part.series = { name: '対数入門', url: '/series/intro/', part: index + 1, total: 3 };
    part.seriesParts = parts;
  }
  const html = await renderHtml(articlePage(parts[1]!), site(parts), config);
  const box = element(html, '<aside class="series-box"') ?? '';

  test('names the series with a link and says which part this is', () => {
    expect(box).toContain('<a href="/series/intro/">対数入門</a>');
    expect(visibleText(box)).toContain('全3回中の第2回');
  });

  test('lists every part in order and marks the current one', () => {
    const list = element(box, '<ol') ?? '';
    expect(visibleText(list)).toBe('対数入門 第1回 対数入門 第2回 対数入門 第3回');
    const current = startTags(list).filter((tag) => tag.attributes.get('aria-current') === 'page');
    expect(current.map((tag) => tag.attributes.get('href'))).toEqual(['/posts/part-2/']);
  });

  test('links the previous and next parts', () => {
    const nav = element(box, '<nav') ?? '';
    expect(visibleText(nav)).toBe('← 前の回: 対数入門 第1回 次の回: 対数入門 第3回 →');
    expect(startTags(nav).flatMap((tag) => tag.attributes.get('href') ?? [])).toEqual([
      '/posts/part-1/',
      '/posts/part-3/',
    ]);
  });
});
