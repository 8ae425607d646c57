import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { loadArticles } from '../../src/content/index.js';
import type { SourceFile } from '../../src/model/index.js';

function post(path: string, frontMatter: string): SourceFile {
  return { path, text: `---\ntitle: 記事\ndate: 2025-05-20\n${frontMatter}---\n本文\n` };
}

describe('loadArticles', () => {
  it('returns articles sorted by source path', () => {
    const { articles } = loadArticles(
      [post('content/posts/b.md', ''), post('content/posts/a.md', '')],
      defaultConfig(),
      { drafts: false },
    );
    expect(articles.map((a) => a.sourcePath)).toEqual(['content/posts/a.md', 'content/posts/b.md']);
  });

  it('leaves drafts out of a normal build', () => {
    const sources = [
      post('content/posts/公開.md', ''),
      post('content/posts/下書き.md', 'draft: true\n'),
    ];
    const { articles } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(articles.map((a) => a.slug)).toEqual(['公開']);
  });

  it('keeps drafts with --drafts', () => {
    const sources = [
      post('content/posts/公開.md', ''),
      post('content/posts/下書き.md', 'draft: true\n'),
    ];
    const { articles } = loadArticles(sources, defaultConfig(), { drafts: true });
    expect(articles.map((a) => [a.slug, a.draft])).toEqual([
      ['下書き', true],
      ['公開', false],
    ]);
  });

  it('reports two articles with one slug on each, naming both files', () => {
    const sources = [
      post('content/posts/a.md', 'slug: 対数\n'),
      post('content/posts/b.md', 'slug: 対数\n'),
    ];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    const message = 'content/posts/a.md and content/posts/b.md both have slug "対数"';
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'content/posts/a.md',
        line: 4,
        column: 7,
        severity: 'error',
        message,
      }),
      expect.objectContaining({
        file: 'content/posts/b.md',
        line: 4,
        column: 7,
        severity: 'error',
        message,
      }),
    ]);
  });

  it('reports a slug taken from the file name that clashes with one in the front matter', () => {
    const sources = [
      post('content/posts/2024/対数.md', ''),
      post('content/posts/log.md', 'slug: 対数\n'),
    ];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics.map((d) => [d.file, d.line])).toEqual([
      ['content/posts/2024/対数.md', 1],
      ['content/posts/log.md', 4],
    ]);
  });

  it('reports slugs that differ only in case, which collide on macOS', () => {
    const sources = [post('content/posts/Log.md', ''), post('content/posts/log.md', '')];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics[0]?.message).toContain(
      'have slugs "Log" and "log", which differ only in case',
    );
  });

  it('reports slugs that become one folder once made safe for Windows', () => {
    const sources = [
      post('content/posts/a.md', 'slug: "比:較"\n'),
      post('content/posts/b.md', 'slug: 比-較\n'),
    ];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics.map((d) => [d.file, d.severity, d.code])).toEqual([
      ['content/posts/a.md', 'error', 'content/duplicate-slug'],
      ['content/posts/b.md', 'error', 'content/duplicate-slug'],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'content/posts/a.md and content/posts/b.md have slugs "比:較" and "比-較", ' +
        'which would be the same folder posts/比-較/ on Windows or macOS',
    );
  });

  it('warns about tags written two ways that would share one folder, naming both articles', () => {
    const long = '長いタグ名'.repeat(20); // 300 bytes: shortened to the same beginning
    const sources = [
      post('content/posts/a.md', `tags: [TeX, "${long}その一"]\n`),
      post('content/posts/b.md', `tags: [tex, "${long}その二"]\n`),
      post('content/posts/c.md', 'tags: [解析]\nseries: 微分入門\n'),
      post('content/posts/d.md', 'tags: [解析]\nseries: 微分入門\n'),
    ];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    // Long names apart after their hash are no clash; TeX and tex are.
    expect(diagnostics.map((d) => [d.file, d.line, d.severity, d.code])).toEqual([
      ['content/posts/a.md', 4, 'warning', 'content/tag-folder-clash'],
      ['content/posts/b.md', 4, 'warning', 'content/tag-folder-clash'],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'Tags "TeX" (content/posts/a.md) and "tex" (content/posts/b.md) would be one folder ' +
        'tags/TeX/ on macOS or Windows; all but the first get a numbered URL',
    );
  });

  it('warns about series names that differ only in case', () => {
    const sources = [
      post('content/posts/a.md', 'series: Linear Algebra\n'),
      post('content/posts/b.md', 'series: linear algebra\n'),
    ];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics.map((d) => d.code)).toEqual([
      'content/series-folder-clash',
      'content/series-folder-clash',
    ]);
  });

  it('warns about author names that would share a folder, but not about one name spaced two ways', () => {
    const sources = [
      post('content/posts/a.md', 'author: Taro Tanaka\n'),
      post('content/posts/b.md', 'author: taro tanaka\n'),
      post('content/posts/c.md', 'author: 山田 花子\n'),
      post('content/posts/d.md', 'author: 山田\u3000花子\n'),
    ];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['content/posts/a.md', 'content/author-folder-clash'],
      ['content/posts/b.md', 'content/author-folder-clash'],
    ]);
    expect(diagnostics[0]!.message).toContain('would be one folder authors/Taro-Tanaka/');
  });

  it('does not count a left-out draft as a clash', () => {
    const sources = [
      post('content/posts/a.md', 'slug: x\n'),
      post('content/posts/b.md', 'slug: x\ndraft: true\n'),
    ];
    expect(loadArticles(sources, defaultConfig(), { drafts: false }).diagnostics).toEqual([]);
  });

  it('collects the diagnostics of every file', () => {
    const sources = [
      post('content/posts/a.md', 'tags: 1\n'),
      { path: 'content/posts/b.md', text: '' },
    ];
    const { articles, diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(articles).toEqual([]);
    expect(diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['content/posts/a.md', 'front-matter/invalid-type'],
      ['content/posts/b.md', 'front-matter/missing-date'],
      ['content/posts/b.md', 'front-matter/missing-title'],
    ]);
  });
});

describe('unknown front-matter keys', () => {
  const withKeys = (file: string, keys: string) => post(`content/posts/${file}`, keys);

  it('are one warning per key, at the first use, naming the other files', () => {
    const sources = [
      withKeys('c.md', 'thumbnail: c.png\nlikes: 3\n'),
      withKeys('a.md', 'thumbnail: a.png\n'),
      withKeys('b.md', 'thumbnail: b.png\n'),
    ];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics).toEqual([
      {
        file: 'content/posts/a.md',
        line: 4,
        column: 1,
        severity: 'warning',
        code: 'front-matter/unknown-key',
        message:
          'Unknown key `thumbnail` in the front matter of 3 articles; it is ignored (also in content/posts/b.md:4 and content/posts/c.md:4)',
        hint: expect.stringContaining('Known keys: title, date,'),
      },
      expect.objectContaining({
        file: 'content/posts/c.md',
        line: 5,
        message: 'Unknown key `likes` in the front matter; it is ignored',
      }),
    ]);
  });

  it('name five other files and count the rest', () => {
    const sources = Array.from({ length: 9 }, (_, i) => withKeys(`${i}.md`, 'colour: red\n'));
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toBe(
      'Unknown key `colour` in the front matter of 9 articles; it is ignored (also in content/posts/1.md:4, content/posts/2.md:4, content/posts/3.md:4, content/posts/4.md:4, content/posts/5.md:4 and 3 more)',
    );
  });

  it('suggest the key that was probably meant', () => {
    const sources = [withKeys('a.md', 'tag: 解析\n'), withKeys('b.md', 'タグ: 解析\n')];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics.map((d) => d.hint)).toEqual([
      'Did you mean `tags`?',
      'Did you mean `tags`?',
    ]);
  });

  it('are reported in drafts left out of the build too, and in articles with errors', () => {
    const sources = [
      withKeys('a.md', 'draft: true\ncolour: red\n'),
      { path: 'content/posts/b.md', text: '---\ntitle: 日付なし\ncolour: blue\n---\n' },
    ];
    const { diagnostics } = loadArticles(sources, defaultConfig(), { drafts: false });
    expect(diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['content/posts/b.md', 'front-matter/missing-date'],
      ['content/posts/a.md', 'front-matter/unknown-key'],
    ]);
    expect(diagnostics[1]?.message).toContain('also in content/posts/b.md:3');
  });

  it('leave a folder of Zenn articles without a single warning', () => {
    const zenn = (slug: string) => ({
      path: `content/posts/${slug}.md`,
      text: `---\ntitle: "${slug}"\nemoji: "🧮"\ntype: "tech"\ntopics: ["math"]\npublished: true\npublished_at: 2024-05-01 09:00\n---\n本文\n`,
    });
    const { articles, diagnostics } = loadArticles(
      ['gyouretsu', 'kyuusuu', 'bibun'].map(zenn),
      defaultConfig(),
      { drafts: false },
    );
    expect(diagnostics).toEqual([]);
    expect(articles).toHaveLength(3);
  });
});
