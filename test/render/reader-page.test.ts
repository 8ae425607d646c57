import { describe, expect, test } from 'vitest';
import type { PageSpec } from '../../src/model/index.js';
import { articlePage, onePage, site, siteArticle, siteConfig, threeArticles } from './fixtures.js';
import { element, links, startTags, visibleText } from './html.js';
import { renderHtml } from './render-helpers.js';
import { templateDataKeyer } from '../../src/render/index.js';

/** What a page loads and offers around the article: issue 21's weight, author box and search page. */

const config = siteConfig({ baseUrl: 'https://example.com/blog/', basePath: '/blog/' });
const COPY_SCRIPT = '/blog/assets/code-copy.js';

const formula = '<span class="katex"><math><semantics><mi>x</mi></semantics></math></span>';

/** The text of the page's `<style>` elements. */
function inlineStyles(html: string): string {
  return [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((match) => match[1]).join('');
}

describe('KaTeX’s stylesheet and fonts', async () => {
  const [newer, middle, older] = threeArticles('/blog/');
  const withMath = siteArticle({
    slug: 'math',
    title: '数式のある記事',
    date: '2025-07-01T00:00:00Z',
    basePath: '/blog/',
    html: `<p>${formula} を考える。</p>`,
    excerptHtml: `<p>${formula} を考える。</p>`,
    tags: ['解析'],
  });
  withMath.rendered.formulaCount = 1;
  const all = site([withMath, newer, middle, older]);

  test('go inline into an article with a formula, and its fonts are preloaded', async () => {
    const html = await renderHtml(articlePage(withMath), all, config);
    const styles = inlineStyles(html);
    // No stylesheet of its own to wait for before the first paint.
    expect(links(html).filter((url) => url.includes('katex'))).toEqual([
      '/blog/assets/katex/fonts/KaTeX_Main-Regular.woff2',
      '/blog/assets/katex/fonts/KaTeX_Math-Italic.woff2',
    ]);
    expect(styles).toContain('.katex{');
    // Font URLs in the page itself are read against the page: they must be absolute.
    expect(styles).toContain('url(/blog/assets/katex/fonts/KaTeX_Main-Regular.woff2)');
    expect(styles).not.toContain('url(fonts/');
  });

  test('inline only the rules of what the page shows: no rules for a fraction it has not', async () => {
    const styles = inlineStyles(await renderHtml(articlePage(withMath), all, config));
    expect(styles).not.toContain('.mfrac');
    expect(styles).not.toContain('KaTeX_AMS');
  });

  test('are not loaded by an article, search page or author page without formulas', async () => {
    const pages: PageSpec[] = [
      articlePage(middle),
      { kind: 'search', path: 'search/index.html', url: '/blog/search/' },
      {
        kind: 'author',
        path: 'authors/tanaka/index.html',
        url: '/blog/authors/tanaka/',
        author: middle.authors[0]!,
        articles: [newer, middle],
        pagination: onePage(2),
      },
    ];
    for (const spec of pages) {
      const html = await renderHtml(spec, all, config);
      expect(html).not.toContain('katex.min.css');
      expect(html).not.toContain('KaTeX_Main');
    }
  });

  test('are loaded by a tag page whose cards show a formula in their excerpt', async () => {
    const tag = withMath.tags[0]!;
    const spec: PageSpec = {
      kind: 'tag',
      path: 'tags/解析/index.html',
      url: tag.url,
      tag,
      articles: [withMath, older],
      pagination: onePage(2),
    };
    expect(inlineStyles(await renderHtml(spec, all, config))).toContain('.katex{');
  });
});

describe('the copy button’s script', async () => {
  const [newer, middle, older] = threeArticles('/blog/');
  const withCode = siteArticle({
    slug: 'code',
    title: 'コードのある記事',
    date: '2025-07-01T00:00:00Z',
    basePath: '/blog/',
    html: '<div class="code-block">\n<pre class="shiki"><code>ls</code></pre>\n</div>\n',
  });
  withCode.rendered.codeBlocks = 1;
  const all = site([withCode, newer, middle, older]);

  test('is loaded, as a module (deferred), only by an article with a code block', async () => {
    const html = await renderHtml(articlePage(withCode), all, config);
    const script = startTags(html).find((tag) => tag.attributes.get('src') === COPY_SCRIPT);
    expect(script?.attributes.get('type')).toBe('module');
    expect(await renderHtml(articlePage(middle), all, config)).not.toContain('code-copy.js');
  });
});

describe('the author box at the end of an article', async () => {
  const withProfile = siteConfig({
    ...config,
    authors: {
      tanaka: { name: '田中 太郎', bio: '解析学が好きです。', avatar: '/images/tanaka.png' },
    },
  });
  const [newer, middle, older] = threeArticles('/blog/');
  middle.authors = [
    { ...middle.authors[0]!, bio: '解析学が好きです。', avatar: '/images/tanaka.png' },
  ];
  const html = await renderHtml(articlePage(middle), site([newer, middle, older]), withProfile);
  const box = element(html, '<aside class="author-box"') ?? '';

  test('names the author, with the bio and a link to their articles', () => {
    expect(visibleText(box)).toBe(
      'この記事を書いた人 田中 太郎 解析学が好きです。 田中 太郎 の記事一覧',
    );
    expect(box).toContain('<a href="/blog/authors/tanaka/">田中 太郎 の記事一覧</a>');
  });

  test('shows the configured picture under the base path, as decoration beside the name', () => {
    const image = startTags(box).find((tag) => tag.name === 'img')!;
    expect(image.attributes.get('src')).toBe('/blog/images/tanaka.png');
    expect(image.attributes.get('alt')).toBe('');
  });

  test('ends the article, before 前後の記事 and あわせて読みたい', () => {
    const article = element(html, '<article class="post') ?? '';
    expect(article.trimEnd().endsWith('</aside>\n</article>')).toBe(true);
    expect(html.indexOf('author-box')).toBeLessThan(html.indexOf('class="read-more"'));
  });

  test('is rendered again when an author’s bio or picture changes', () => {
    const all = site([newer, middle, older]);
    const before = templateDataKeyer(all)(articlePage(middle)).join('\n');
    middle.authors = [{ ...middle.authors[0]!, avatar: '/images/tanaka-2.png' }];
    const after = templateDataKeyer(all)(articlePage(middle)).join('\n');
    expect(after).not.toBe(before);
  });

  test('is absent when the article names no author', async () => {
    const [, , older2] = threeArticles('/blog/');
    const page = await renderHtml(articlePage(older2), site([older2]), config);
    expect(page).not.toContain('author-box');
  });
});

describe('the search page without JavaScript', async () => {
  const [newer, middle, older] = threeArticles('/blog/');
  const html = await renderHtml(
    { kind: 'search', path: 'search/index.html', url: '/blog/search/' },
    site([newer, middle, older]),
    config,
  );
  const browse = element(html, '<nav class="search-browse"') ?? '';

  test('offers every tag, most used first, with its number of articles', () => {
    expect(visibleText(browse)).toContain('解析 （2件） 対数 （1件）');
    expect(browse).toContain('<a class="tag" href="/blog/tags/%E8%A7%A3%E6%9E%90/">');
  });

  test('offers the list of all articles', () => {
    expect(browse).toContain('<a href="/blog/">すべての記事を新しい順に見る</a>');
  });

  test('says, in <noscript>, that searching needs JavaScript and where else to look', () => {
    expect(element(html, '<noscript>')).toContain(
      '検索には JavaScript が必要です。下のタグや記事一覧からも記事を探せます。',
    );
  });
});
