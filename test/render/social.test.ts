import { describe, expect, test } from 'vitest';
import type { PageSpec } from '../../src/model/index.js';
import { articlePage, onePage, site, siteConfig, threeArticles } from './fixtures.js';
import { startTags } from './html.js';
import { renderHtml } from './render-helpers.js';

const config = siteConfig({ baseUrl: 'https://example.com/blog/', basePath: '/blog/' });
const [newer, middle, older] = threeArticles('/blog/');
const all = site([newer, middle, older]);

/** `property`/`name` → `content` of the page's meta tags. */
function metaOf(html: string): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  for (const tag of startTags(html).filter((t) => t.name === 'meta')) {
    const key = tag.attributes.get('property') ?? tag.attributes.get('name');
    if (!key) continue;
    meta.set(key, [...(meta.get(key) ?? []), tag.attributes.get('content') ?? '']);
  }
  return meta;
}

function jsonLd(html: string): Record<string, unknown> | undefined {
  const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
  return json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>);
}

describe('link previews (Open Graph, Twitter cards)', () => {
  test('an article is shared with its title, description, URL, image and Japanese locale', async () => {
    const meta = metaOf(await renderHtml(articlePage(middle), all, config));
    expect(
      Object.fromEntries([...meta].map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
    ).toMatchObject({
      'og:type': 'article',
      'og:site_name': '数学ノート',
      'og:title': '自然対数の定義',
      'og:description': '抜粋です。',
      'og:url': 'https://example.com/blog/posts/%E5%AF%BE%E6%95%B0/',
      'og:image': 'https://example.com/blog/assets/og-image.png',
      'og:locale': 'ja_JP',
      'article:published_time': '2025-05-20T04:30:00+09:00',
      'article:tag': ['対数', '解析'],
      'twitter:card': 'summary_large_image',
      'twitter:title': '自然対数の定義',
      'twitter:description': '抜粋です。',
      'twitter:image': 'https://example.com/blog/assets/og-image.png',
    });
  });

  test('an article with a cover is shared with the cover, under the base path', async () => {
    for (const [cover, expected] of [
      ['/images/対数.png', 'https://example.com/blog/images/%E5%AF%BE%E6%95%B0.png'],
      // Relative: kept beside the article, in its folder.
      ['images/log.png', `https://example.com${middle.url}images/log.png`],
      ['https://cdn.example.net/log.png', 'https://cdn.example.net/log.png'],
    ]) {
      middle.rendered.article.cover = cover;
      const meta = metaOf(await renderHtml(articlePage(middle), all, config));
      expect(meta.get('og:image'), cover).toEqual([expected]);
      expect(meta.get('twitter:image'), cover).toEqual([expected]);
    }
    delete middle.rendered.article.cover;
  });

  test('list pages are websites named by their own heading', async () => {
    const tag = middle.tags[1]!;
    const spec: PageSpec = {
      kind: 'tag',
      path: 'tags/解析/index.html',
      url: tag.url,
      tag,
      articles: [middle],
      pagination: onePage(1),
    };
    const meta = metaOf(await renderHtml(spec, all, config));
    expect(meta.get('og:type')).toEqual(['website']);
    expect(meta.get('og:title')).toEqual(['タグ「解析」の記事']);
    expect(meta.get('og:url')).toEqual(['https://example.com/blog/tags/%E8%A7%A3%E6%9E%90/']);
  });
});

describe('structured data (JSON-LD)', () => {
  test('an article is a BlogPosting with headline, dates, authors and its canonical URL', async () => {
    const data = jsonLd(await renderHtml(articlePage(middle), all, config));
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: '自然対数の定義',
      description: '抜粋です。',
      url: 'https://example.com/blog/posts/%E5%AF%BE%E6%95%B0/',
      mainEntityOfPage: {
        '@type': 'WebPage',
        '@id': 'https://example.com/blog/posts/%E5%AF%BE%E6%95%B0/',
      },
      image: ['https://example.com/blog/assets/og-image.png'],
      datePublished: '2025-05-20T04:30:00+09:00',
      dateModified: '2025-05-20T04:30:00+09:00',
      author: [
        { '@type': 'Person', name: '田中 太郎', url: 'https://example.com/blog/authors/tanaka/' },
      ],
      keywords: '対数, 解析',
      inLanguage: 'ja',
      isPartOf: { '@type': 'Blog', name: '数学ノート', url: 'https://example.com/blog/' },
    });
  });

  test('an updated article says when it was modified', async () => {
    middle.rendered.article.updated = new Date('2025-07-01T00:00:00Z');
    const data = jsonLd(await renderHtml(articlePage(middle), all, config));
    expect(data?.dateModified).toBe('2025-07-01T09:00:00+09:00');
    delete middle.rendered.article.updated;
  });

  test('the home page describes the site and its search', async () => {
    const spec: PageSpec = {
      kind: 'index',
      path: 'index.html',
      url: '/blog/',
      articles: [newer, middle, older],
      pagination: onePage(3),
    };
    const data = jsonLd(await renderHtml(spec, all, config));
    expect(data).toMatchObject({
      '@type': 'WebSite',
      name: '数学ノート',
      url: 'https://example.com/blog/',
      potentialAction: {
        '@type': 'SearchAction',
        target: { urlTemplate: 'https://example.com/blog/search/?q={search_term_string}' },
      },
    });
  });

  test('other pages carry none', async () => {
    const html = await renderHtml(
      { kind: 'not-found', path: '404.html', url: '/blog/404.html' },
      all,
      config,
    );
    expect(html).not.toContain('<script');
  });
});

describe('canonical URLs', () => {
  test('come from the base URL even when the base path was given on the command line', async () => {
    // `baseUrl` names the host; `--base-path /blog/` moved the site under it.
    const cli = siteConfig({ baseUrl: 'https://example.com/', basePath: '/blog/' });
    const html = await renderHtml(articlePage(middle), all, cli);
    expect(html).toContain(
      '<link rel="canonical" href="https://example.com/blog/posts/%E5%AF%BE%E6%95%B0/">',
    );
  });
});
