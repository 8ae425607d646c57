import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { loadArticles, type SourceFile } from '../../src/content/index.js';

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
