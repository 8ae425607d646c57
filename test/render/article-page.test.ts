import { describe, expect, test } from 'vitest';
import { articlePage, site, siteArticle, siteConfig, threeArticles } from './fixtures.js';
import { element, startTags, visibleText } from './html.js';
import { renderHtml } from './render-helpers.js';

describe('an article page', async () => {
  const config = siteConfig();
  const [newer, middle, older] = threeArticles();
  const html = await renderHtml(articlePage(middle), site([newer, middle, older]), config);
  const text = visibleText(html);

  test('is a Japanese HTML document titled 記事名 | サイト名', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="ja">')).toBe(true);
    expect(html).toContain('<title>自然対数の定義 | 数学ノート</title>');
    expect(html).toContain('<meta name="description" content="抜粋です。">');
    expect(html).toContain(
      '<link rel="canonical" href="https://example.com/posts/%E5%AF%BE%E6%95%B0/">',
    );
    expect(element(html, '<h1')).toBe('<h1 class="post__title">自然対数の<wbr>定義</h1>');
  });

  test('shows the publication date in Tokyo, machine-readable in <time>', () => {
    expect(html).toContain('<time datetime="2025-05-20T04:30:00+09:00">2025年5月20日</time>');
  });

  test('shows the reading time, the authors and the tags as links', () => {
    expect(text).toContain('約7分で読めます');
    expect(html).toContain('<a href="/authors/tanaka/" rel="author">田中 太郎</a>');
    expect(html).toContain('<a class="tag" href="/tags/%E5%AF%BE%E6%95%B0/" rel="tag">対数</a>');
  });

  test('links 前の記事 to the older and 次の記事 to the newer article', () => {
    const nav = element(html, '<nav class="post-nav"') ?? '';
    expect(visibleText(nav)).toBe('← 前の記事 実数の連続性 次の記事 → 指数関数とその逆関数');
    const hrefs = startTags(nav).flatMap((tag) => tag.attributes.get('href') ?? []);
    expect(hrefs).toEqual([older.url, newer.url]);
  });

  test('ends with あわせて読みたい cards for the read-more articles', () => {
    const section = element(html, '<section class="read-more"') ?? '';
    expect(section).toContain('<h2 id="read-more-title">あわせて読みたい</h2>');
    const cards = section.split('<article class="post-card">').slice(1);
    expect(cards).toHaveLength(2);
    expect(cards[0]).toContain(
      `<h3 class="post-card__title"><a href="${older.url}">実数の<wbr>連続性</a></h3>`,
    );
    expect(cards[0]).toContain('<time datetime="2025-04-01T10:00:00+09:00">2025年4月1日</time>');
    // Title, date and authors only: the excerpt and tags are the linked article's to show.
    expect(cards[0]).not.toContain('抜粋です。');
    expect(cards[0]).not.toContain('class="tag"');
    expect(visibleText(cards[1]!)).toContain('指数関数とその逆関数');
  });

  test('has a table of contents of its sections', () => {
    const toc = element(html, '<nav class="toc" aria-label="目次"') ?? '';
    expect(visibleText(toc)).toBe('目次 定義 補題 まとめ');
    expect(toc).toContain('<a href="#定義">定義</a>');
  });

  test('shows formulas in table of contents entries', async () => {
    const withMath = siteArticle({
      slug: 'math',
      title: '数式の見出し',
      date: '2025-01-01T00:00:00Z',
      headings: [
        {
          level: 2,
          id: 'log',
          text: 'log x の定義',
          html: '<span class="katex">log x</span> の定義',
        },
        { level: 2, id: 'end', text: 'おわりに' },
      ],
    });
    const page = await renderHtml(articlePage(withMath), site([withMath]), config);
    expect(page).toContain('<a href="#log"><span class="katex">log x</span> の<wbr>定義</a>');
  });

  test('puts the article body in as HTML', () => {
    expect(html).toContain('<div class="post__body">\n<p>本文です。</p>');
  });

  test('has JSON-LD data and the reading script, no other JavaScript, and no draft badge', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>/gi)].map((match) => match[1]);
    expect(scripts).toEqual([' type="application/ld+json"', ' data-sugaku-reading']);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(text).not.toContain('下書き');
  });

  test('renders the same bytes twice', async () => {
    expect(await renderHtml(articlePage(middle), site([newer, middle, older]), config)).toBe(html);
  });
});

describe('optional parts of an article page', () => {
  test('a lone article has no neighbours, no read-more, and no TOC for a single heading', async () => {
    const lone = siteArticle({
      slug: 'lone',
      title: 'ひとつだけ',
      date: '2025-01-01T00:00:00Z',
      headings: [{ level: 2, id: 'only', text: '唯一の節' }],
    });
    const html = await renderHtml(articlePage(lone), site([lone]), siteConfig());
    expect(html).not.toContain('前の記事');
    expect(html).not.toContain('次の記事');
    expect(html).not.toContain('あわせて読みたい');
    expect(html).not.toContain('目次');
  });

  test('a draft shows 下書き and is kept out of search engines; an update date is shown', async () => {
    const draft = siteArticle({
      slug: 'draft',
      title: '書きかけ',
      date: '2025-01-01T00:00:00Z',
      updated: '2025-02-03T00:00:00Z',
      draft: true,
    });
    const html = await renderHtml(articlePage(draft), site([draft]), siteConfig());
    expect(html).toContain('<span class="badge badge--draft">下書き</span>');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(visibleText(html)).toContain('更新日 2025年2月3日');
    expect(html).toContain('<time datetime="2025-02-03T09:00:00+09:00">');
  });

  test('the footer carries the year of the newest article, not of today', async () => {
    const old = siteArticle({ slug: 'old', title: '昔の記事', date: '2019-12-31T16:00:00Z' });
    const html = await renderHtml(articlePage(old), site([old]), siteConfig());
    expect(visibleText(element(html, '<footer') ?? '')).toBe(
      '© 2020 数学ノート フィード（Atom） · Powered by sugaku',
    );
  });
});
