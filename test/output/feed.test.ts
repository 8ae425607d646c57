import { describe, expect, test } from 'vitest';
import { atomFeed, feedContentHtml, type FeedEntry } from '../../src/output/index.js';
import { createMathEngine } from '../../src/math/index.js';

const channel = {
  title: '数学ノート',
  subtitle: '数式の多い日本語の記事',
  language: 'ja',
  homeUrl: 'https://example.com/blog/',
  feedUrl: 'https://example.com/blog/feed.xml',
  fallbackAuthor: '数学ノート',
};

function entry(n: number, overrides: Partial<FeedEntry> = {}): FeedEntry {
  const day = String(n).padStart(2, '0');
  return {
    url: `https://example.com/blog/posts/${n}/`,
    title: `記事${n}`,
    published: `2025-05-${day}T10:00:00+09:00`,
    updated: `2025-05-${day}T10:00:00+09:00`,
    authors: [{ name: '佐藤 葵', url: 'https://example.com/blog/authors/sato/' }],
    categories: ['解析'],
    summary: `要約${n}`,
    contentHtml: `<p>本文${n}</p>`,
    ...overrides,
  };
}

const formula = createMathEngine().render({
  tex: '\\log_a b',
  displayMode: false,
  macros: {},
  location: { file: 'x.md', line: 1, column: 1 },
}).html;

describe('the Atom feed', () => {
  test('names the site, links itself and the home page, and is dated by its newest entry', () => {
    const xml = atomFeed(channel, [entry(3), entry(2, { updated: '2025-06-01T00:00:00+09:00' })]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">');
    expect(xml).toContain('<title>数学ノート</title>');
    expect(xml).toContain('<subtitle>数式の多い日本語の記事</subtitle>');
    expect(xml).toContain('<id>https://example.com/blog/</id>');
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="https://example.com/blog/feed.xml"/>',
    );
    expect(xml).toContain(
      '<link rel="alternate" type="text/html" href="https://example.com/blog/"/>',
    );
    expect(xml.match(/<updated>[^<]*<\/updated>/)?.[0]).toBe(
      '<updated>2025-06-01T00:00:00+09:00</updated>',
    );
  });

  test('carries each article with its link, dates, authors, tags, summary and full content', () => {
    const xml = atomFeed(channel, [entry(1)]);
    const item = /<entry>[\s\S]*<\/entry>/.exec(xml)![0];
    expect(item).toContain('<title>記事1</title>');
    expect(item).toContain('<id>https://example.com/blog/posts/1/</id>');
    expect(item).toContain(
      '<link rel="alternate" type="text/html" href="https://example.com/blog/posts/1/"/>',
    );
    expect(item).toContain('<published>2025-05-01T10:00:00+09:00</published>');
    expect(item).toContain(
      '<author><name>佐藤 葵</name><uri>https://example.com/blog/authors/sato/</uri></author>',
    );
    expect(item).toContain('<category term="解析"/>');
    expect(item).toContain('<summary>要約1</summary>');
    expect(item).toContain('<content type="html">&lt;p&gt;本文1&lt;/p&gt;</content>');
  });

  test('keeps the newest 20 articles, in the order given', () => {
    const entries = Array.from({ length: 25 }, (_, i) => entry(25 - i));
    const titles = [...atomFeed(channel, entries).matchAll(/<entry>\s*<title>([^<]*)</g)].map(
      (m) => m[1],
    );
    expect(titles).toHaveLength(20);
    expect(titles[0]).toBe('記事25');
    expect(titles.at(-1)).toBe('記事6');
  });

  test('escapes text and drops characters XML cannot carry', () => {
    const xml = atomFeed({ ...channel, title: 'A & B <c>' }, [
      entry(1, { title: '"x" & \u0007y', categories: ['<tag>'] }),
    ]);
    expect(xml).toContain('<title>A &amp; B &lt;c&gt;</title>');
    expect(xml).toContain('<title>&quot;x&quot; &amp; y</title>');
    expect(xml).toContain('<category term="&lt;tag&gt;"/>');
    expect(xml).not.toContain('\u0007');
  });

  test('an empty site still gives a valid feed', () => {
    const xml = atomFeed(channel, []);
    expect(xml).toContain('<updated>1970-01-01T00:00:00Z</updated>');
    expect(xml).not.toContain('<entry>');
  });
});

describe('article content for feed readers', () => {
  test('formulas keep their MathML and lose KaTeX’s HTML, which needs KaTeX’s CSS', () => {
    expect(formula).toContain('class="katex-html"');
    const html = feedContentHtml(
      `<p>底の変換 ${formula} を示す。</p>`,
      'https://example.com/posts/log/',
    );
    expect(html).not.toContain('katex-html');
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML">');
    expect(html).toContain('<annotation encoding="application/x-tex">\\log_a b</annotation>');
    expect(html).toMatch(
      /^<p>底の変換 <span class="katex"><span class="katex-mathml"><math[\s\S]*<\/math><\/span><\/span> を示す。<\/p>$/,
    );
  });

  test('links and images are made absolute; equation anchors point into the article', () => {
    const html = feedContentHtml(
      '<p><a href="#eq-1.1">式 (1.1)</a> <a href="/blog/posts/x/">前編</a> <img src="/blog/img/a.png" alt=""> <a href="https://other.example/">外</a></p>',
      'https://example.com/blog/posts/log/',
    );
    expect(html).toContain('href="https://example.com/blog/posts/log/#eq-1.1"');
    expect(html).toContain('href="https://example.com/blog/posts/x/"');
    expect(html).toContain('src="https://example.com/blog/img/a.png"');
    expect(html).toContain('href="https://other.example/"');
  });

  test('the WebP variants of an image beside its article are made absolute too', () => {
    const html = feedContentHtml(
      '<picture><source type="image/webp" srcset="graph.320w.webp 320w, graph.640w.webp 640w" sizes="640px"><img src="graph.png" alt="グラフ"></picture>',
      'https://example.com/posts/%E6%94%BE%E7%89%A9%E7%B7%9A/',
    );
    expect(html).toContain(
      'srcset="https://example.com/posts/%E6%94%BE%E7%89%A9%E7%B7%9A/graph.320w.webp 320w, https://example.com/posts/%E6%94%BE%E7%89%A9%E7%B7%9A/graph.640w.webp 640w"',
    );
    expect(html).toContain('src="https://example.com/posts/%E6%94%BE%E7%89%A9%E7%B7%9A/graph.png"');
  });

  test('code that shows an href as text is left as written', () => {
    const code = '<pre><code>&lt;a href="/x"&gt;</code></pre>';
    expect(feedContentHtml(code, 'https://example.com/')).toBe(code);
  });
});
