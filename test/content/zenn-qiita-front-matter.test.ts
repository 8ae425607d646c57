import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { parseArticle } from '../../src/content/index.js';

function parse(lines: string[], path = 'content/posts/shuugou.md') {
  const text = ['---', ...lines, '---', '', '集合 $A \\cap B$ の話。', ''].join('\n');
  return parseArticle({ path, text }, defaultConfig());
}

describe('an article written for Zenn', () => {
  const zenn = [
    'title: "集合の共通部分と和集合"',
    'emoji: "📐"',
    'type: "tech"',
    'topics: ["math", "集合論"]',
    'published: true',
    'published_at: 2024-05-01 09:00',
  ];

  it('builds without a word: topics are its tags, published_at its date in Tokyo', () => {
    const { article, diagnostics, unknownKeys } = parse(zenn);
    expect(diagnostics).toEqual([]);
    expect(unknownKeys).toBeUndefined();
    expect(article?.tags).toEqual(['math', '集合論']);
    expect(article?.date.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(article?.draft).toBe(false);
  });

  it('is a draft with published: false', () => {
    const { article } = parse(
      zenn.map((line) => line.replace('published: true', 'published: false')),
    );
    expect(article?.draft).toBe(true);
  });

  it('points at topics when a later stage points at the tags', () => {
    const { article } = parse(zenn);
    expect(article?.fieldPositions?.tags).toEqual({ line: 5, column: 9 });
    expect(article?.fieldPositions?.date).toEqual({ line: 7, column: 15 });
  });

  it('reports a published_at that is not a date at its value', () => {
    const { article, diagnostics } = parse(['title: 集合', 'published_at: 5月1日']);
    expect(article).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 3, column: 15, code: 'front-matter/invalid-date' }),
    ]);
  });

  it('needs a date when Zenn has none, and says how to get one', () => {
    const { article, diagnostics } = parse(['title: 集合', 'topics: [math]', 'published: false']);
    expect(article).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'front-matter/missing-date', severity: 'error' }),
    ]);
    expect(diagnostics[0]?.hint).toContain('date: 2025-05-20 09:00');
    expect(diagnostics[0]?.hint).toContain('sugaku import zenn <repo>');
  });
});

describe('an article written with Qiita CLI', () => {
  const qiita = [
    'title: 集合の共通部分と和集合',
    'tags:',
    '  - 数学',
    '  - 集合論',
    'private: false',
    "updated_at: '2024-06-10T21:15:42+09:00'",
    'id: 0123456789abcdef0123',
    'organization_url_name: null',
    'slide: false',
    'ignorePublish: false',
    'date: 2024-05-01',
  ];

  it('builds without a word: tags as they are, updated_at its update', () => {
    const { article, diagnostics, unknownKeys } = parse(qiita);
    expect(diagnostics).toEqual([]);
    expect(unknownKeys).toBeUndefined();
    expect(article?.tags).toEqual(['数学', '集合論']);
    expect(article?.updated?.toISOString()).toBe('2024-06-10T12:15:42.000Z');
  });

  it("takes the blanks of Qiita CLI's new article (tags: [''], updated_at: '') as not written", () => {
    const { article, diagnostics } = parse([
      'title: 書きかけ',
      'tags:',
      "  - ''",
      'private: false',
      "updated_at: ''",
      'id: null',
      'organization_url_name: null',
      'slide: false',
      'ignorePublish: false',
      'date: 2024-05-01',
    ]);
    expect(diagnostics).toEqual([]);
    expect(article?.tags).toEqual([]);
    expect(article?.updated).toBeUndefined();
  });

  it('warns at updated_at when it is earlier than the date', () => {
    const { diagnostics } = parse(
      qiita.map((line) => line.replace('date: 2024-05-01', 'date: 2024-07-01')),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: 7,
        code: 'front-matter/updated-before-date',
        message: '`updated_at` is earlier than `date`',
      }),
    ]);
  });
});

describe('our key and theirs in one front matter', () => {
  it('is quiet when date and published_at name the same time', () => {
    const { article, diagnostics } = parse([
      'title: 集合',
      'date: 2024-05-01 09:00',
      "published_at: '2024-05-01T09:00:00+09:00'",
    ]);
    expect(diagnostics).toEqual([]);
    expect(article?.date.toISOString()).toBe('2024-05-01T00:00:00.000Z');
  });

  it('takes date over a different published_at, with a warning at published_at', () => {
    const { article, diagnostics } = parse([
      'title: 集合',
      'date: 2024-05-01 09:00',
      'published_at: 2024-04-01 09:00',
    ]);
    expect(article?.date.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: 4,
        column: 15,
        severity: 'warning',
        code: 'front-matter/conflicting-date',
        message:
          '`published_at: 2024-04-01 09:00` is not the same time as `date: 2024-05-01 09:00`; sugaku uses `date`',
      }),
    ]);
  });

  it('takes updated over a different updated_at, with a warning', () => {
    const { article, diagnostics } = parse([
      'title: 集合',
      'date: 2024-05-01',
      'updated: 2024-06-01',
      "updated_at: '2024-06-10T21:15:42+09:00'",
    ]);
    expect(article?.updated?.toISOString()).toBe('2024-05-31T15:00:00.000Z');
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([
      [5, 'front-matter/conflicting-date'],
    ]);
  });

  it('joins tags and topics without repeating one', () => {
    const { article } = parse([
      'title: 集合',
      'date: 2024-05-01',
      'tags: [集合論]',
      'topics: [math, 集合論]',
    ]);
    expect(article?.tags).toEqual(['集合論', 'math']);
  });

  it('holds the article back when draft and published disagree, and says so', () => {
    const { article, diagnostics } = parse([
      'title: 集合',
      'date: 2024-05-01',
      'draft: false',
      'published: false',
    ]);
    expect(article?.draft).toBe(true);
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 5, code: 'front-matter/conflicting-draft' }),
    ]);
  });

  it('is a draft with draft: true even when published: true', () => {
    const { article } = parse([
      'title: 集合',
      'date: 2024-05-01',
      'draft: true',
      'published: true',
    ]);
    expect(article?.draft).toBe(true);
  });
});
