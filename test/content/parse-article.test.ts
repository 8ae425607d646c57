import { describe, expect, it } from 'vitest';
import { defaultConfig, type SiteConfig } from '../../src/config/index.js';
import {
  parseArticle,
  restoredArticleResult,
  storedArticleResult,
} from '../../src/content/index.js';

const PATH = 'content/posts/対数の微分.md';

function parse(text: string, options: { path?: string; config?: SiteConfig } = {}) {
  return parseArticle({ path: options.path ?? PATH, text }, options.config ?? defaultConfig());
}

describe('a well-formed article', () => {
  const text = [
    '---',
    'title: 対数関数の微分',
    'date: 2025-05-20 10:00',
    'tags: [解析, 微分]',
    'author: 佐藤花子',
    'series: 微分入門',
    'part: 2',
    "macros: { '\\R': '\\mathbb{R}' }",
    '---',
    '',
    '$\\log x$ を微分します。',
    '',
  ].join('\n');

  it('has its front matter typed and no diagnostics', () => {
    const { article, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(article).toMatchObject({
      sourcePath: PATH,
      title: '対数関数の微分',
      tags: ['解析', '微分'],
      authors: ['佐藤花子'],
      series: '微分入門',
      part: 2,
      draft: false,
      macros: { '\\R': '\\mathbb{R}' },
    });
  });

  it('knows the body starts on the line after the closing ---', () => {
    const { article } = parse(text);
    expect(article?.bodyLine).toBe(10);
    expect(article?.body).toBe('\n$\\log x$ を微分します。\n');
  });

  it('takes the slug from a Japanese file name', () => {
    expect(parse(text).article?.slug).toBe('対数の微分');
  });

  it('takes the slug from a file name in NFD, as macOS may give it, in NFC', () => {
    const nfd = 'content/posts/がくしゅう.md'.normalize('NFD');
    expect(parse(text, { path: nfd }).article?.slug).toBe('がくしゅう');
  });

  it('remembers where each front-matter value is', () => {
    expect(parse(text).article?.fieldPositions?.series).toEqual({ line: 6, column: 9 });
  });
});

describe('BOM and Windows line endings', () => {
  const text = '\uFEFF---\r\ntitle: 対数\r\ndate: 2025-05-20\r\ntags: 7\r\n---\r\n本文\r\n';

  it('still reports the right line and column', () => {
    const { diagnostics } = parse(text);
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 4, column: 7, code: 'front-matter/invalid-type' }),
    ]);
  });

  it('gives a body with LF line endings and no BOM in the source text', () => {
    const { article } = parse(text.replace('tags: 7', 'tags: 解析'));
    expect(article?.body).toBe('本文\n');
    expect(article?.bodyLine).toBe(6);
    expect(article?.sourceText.startsWith('---\ntitle: 対数\n')).toBe(true);
  });
});

describe('front-matter mistakes', () => {
  it('reports a YAML syntax error at its line and column in the file', () => {
    const { article, diagnostics } = parse('---\ndate: 2025-05-20\ntitle: 集合: 基本\n---\n');
    expect(article).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: PATH,
        line: 3,
        column: 8,
        severity: 'error',
        code: 'front-matter/yaml',
      }),
    ]);
    expect(diagnostics[0]?.hint).toContain('title: "集合: 基本"');
  });

  it('points an unclosed quote at the opening quote', () => {
    const { diagnostics } = parse('---\ntitle: "対数\ndate: 2025-05-20\n---\n');
    expect(diagnostics[0]).toMatchObject({ line: 2, column: 8, code: 'front-matter/yaml' });
  });

  it('reports a missing title at the closing ---, with a hint', () => {
    const { diagnostics } = parse('---\ndate: 2025-05-20\ntags: [解析]\n---\n本文\n');
    expect(diagnostics).toEqual([
      {
        file: PATH,
        line: 4,
        column: 1,
        severity: 'error',
        code: 'front-matter/missing-title',
        message: 'The article has no `title`',
        hint: 'Add `title: 記事のタイトル` to the front matter.',
      },
    ]);
  });

  it('rejects an empty title at the value', () => {
    const { diagnostics } = parse('---\ntitle: ""\ndate: 2025-05-20\n---\n');
    expect(diagnostics[0]).toMatchObject({
      line: 2,
      column: 8,
      message: '`title` must be non-empty text, got the text ""',
    });
  });

  it('says tags must be a list of strings, at the value', () => {
    const { diagnostics } = parse('---\ntitle: 対数\ndate: 2025-05-20\ntags: 42\n---\n');
    expect(diagnostics).toEqual([
      {
        file: PATH,
        line: 4,
        column: 7,
        severity: 'error',
        code: 'front-matter/invalid-type',
        message: '`tags` must be a list of strings, got the number 42',
        hint: 'For example: tags: [解析, 微分]',
      },
    ]);
  });

  it('points at the one tag in a list that is not a string', () => {
    const { diagnostics } = parse(
      '---\ntitle: 対数\ndate: 2025-05-20\ntags:\n  - 解析\n  - 2025\n---\n',
    );
    expect(diagnostics[0]).toMatchObject({
      line: 6,
      column: 5,
      message: '`tags[1]` must be a string, got the number 2025',
    });
  });

  it('accepts a single tag written as a string', () => {
    expect(parse('---\ntitle: 対数\ndate: 2025-05-20\ntags: 解析\n---\n').article?.tags).toEqual([
      '解析',
    ]);
  });

  it('says draft must be true or false when it is "yes"', () => {
    const { diagnostics } = parse('---\ntitle: 対数\ndate: 2025-05-20\ndraft: yes\n---\n');
    expect(diagnostics[0]?.message).toBe('`draft` must be true or false, got the text "yes"');
  });

  it('rejects a part that is not a positive whole number', () => {
    const { diagnostics } = parse(
      '---\ntitle: 対数\ndate: 2025-05-20\nseries: 微分入門\npart: 0\n---\n',
    );
    expect(diagnostics[0]).toMatchObject({
      line: 5,
      message: '`part` must be a whole number of at least 1, got the number 0',
    });
  });

  it('reports a bad date alongside a wrong type elsewhere', () => {
    const { diagnostics } = parse('---\ntitle: 対数\ndate: 2025-13-01\ntags: 1\n---\n');
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([
      [3, 'front-matter/invalid-date'],
      [4, 'front-matter/invalid-type'],
    ]);
  });

  it('records an unknown key at its line with the key it probably means, for loadArticles to warn about', () => {
    const { article, diagnostics, unknownKeys } = parse(
      '---\ntitle: 対数\ndate: 2025-05-20\ntag: 解析\n---\n',
    );
    expect(article).toBeDefined();
    expect(diagnostics).toEqual([]);
    expect(unknownKeys).toEqual([
      { name: 'tag', file: PATH, line: 4, column: 1, suggestion: 'tags' },
    ]);
  });

  it('maps a Japanese key to the one it means', () => {
    const { unknownKeys } = parse('---\ntitle: 対数\ndate: 2025-05-20\nタグ: 解析\n---\n');
    expect(unknownKeys?.[0]?.suggestion).toBe('tags');
  });

  it('refuses JavaScript front matter instead of running it', () => {
    const { diagnostics } = parse('---js\n{ title: process.exit(1) }\n---\n');
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'front-matter/language', line: 1 }),
    ]);
  });

  it('reports front matter that is never closed', () => {
    const { diagnostics } = parse('---\ntitle: 対数\ndate: 2025-05-20\n\n本文\n');
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'front-matter/unclosed', line: 1 }),
    ]);
  });

  it('warns that part means nothing without a series', () => {
    const { diagnostics } = parse('---\ntitle: 対数\ndate: 2025-05-20\npart: 2\n---\n');
    expect(diagnostics[0]).toMatchObject({
      line: 4,
      severity: 'warning',
      code: 'front-matter/part-without-series',
    });
  });
});

describe('slugs', () => {
  it('uses the slug from the front matter', () => {
    expect(
      parse('---\ntitle: 対数\ndate: 2025-05-20\nslug: log-derivative\n---\n').article?.slug,
    ).toBe('log-derivative');
  });

  it('rejects a slug that climbs out of the posts folder', () => {
    const { article, diagnostics } = parse(
      '---\ntitle: 対数\ndate: 2025-05-20\nslug: ../../etc\n---\n',
    );
    expect(article).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({
      line: 4,
      column: 7,
      severity: 'error',
      message: '`slug` must not contain `/` or `\\`, got the text "../../etc"',
    });
  });

  it('rejects ".." on its own', () => {
    const { diagnostics } = parse('---\ntitle: 対数\ndate: 2025-05-20\nslug: ..\n---\n');
    expect(diagnostics[0]?.message).toBe(
      '`slug` must not contain `..` or be `.`, got the text ".."',
    );
  });

  it('rejects a tag with a slash, since tags are URL segments too', () => {
    const { diagnostics } = parse('---\ntitle: 対数\ndate: 2025-05-20\ntags: [入出力/IO]\n---\n');
    expect(diagnostics[0]).toMatchObject({
      line: 4,
      column: 8,
      code: 'front-matter/invalid-value',
    });
  });
});

describe('authors', () => {
  const config = {
    ...defaultConfig(),
    authors: { tanaka: { name: '田中太郎' } },
    defaultAuthor: 'tanaka',
  };

  it("uses the site's default author when the article names none", () => {
    expect(parse('---\ntitle: 対数\ndate: 2025-05-20\n---\n', { config }).article?.authors).toEqual(
      ['tanaka'],
    );
  });

  it('has no authors when neither the article nor the site names one', () => {
    expect(parse('---\ntitle: 対数\ndate: 2025-05-20\n---\n').article?.authors).toEqual([]);
  });

  it('keeps ids and display names as written', () => {
    const text = '---\ntitle: 対数\ndate: 2025-05-20\nauthor: [tanaka, 佐藤花子]\n---\n';
    expect(parse(text, { config }).article?.authors).toEqual(['tanaka', '佐藤花子']);
  });
});

describe('files that are not articles', () => {
  it('explains that an empty file has no title and no date', () => {
    const { article, diagnostics } = parse('');
    expect(article).toBeUndefined();
    expect(diagnostics.map((d) => [d.line, d.code, d.message])).toEqual([
      [1, 'front-matter/missing-date', 'The file is empty, so the article has no `date`'],
      [1, 'front-matter/missing-title', 'The file is empty, so the article has no `title`'],
    ]);
    expect(diagnostics[0]?.hint).toContain('title: 記事のタイトル');
  });

  it('explains that a file without front matter has no title, at line 1', () => {
    const { diagnostics } = parse('# 対数関数の微分\n\n本文\n');
    expect(diagnostics.find((d) => d.code === 'front-matter/missing-title')).toMatchObject({
      line: 1,
      column: 1,
      message:
        'The file has no front matter (a block between `---` lines at the top), so the article has no `title`',
    });
  });

  it('reports a file with a NUL byte as binary, at the byte', () => {
    const { article, diagnostics } = parse('---\ntitle: 対数\n\u0000\u0001PNG');
    expect(article).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 3, column: 1, severity: 'error', code: 'source/binary' }),
    ]);
  });
});

describe("a parsed article kept as JSON (the build's front-matter cache)", () => {
  const sources = [
    // BOM, CRLF, an update, a draft in a series with macros and a cover.
    '\uFEFF---\r\ntitle: 行列式\r\ndate: 2025-05-20 10:00\r\nupdated: 2025-06-01\r\ndraft: true\r\nseries: 線形代数\r\npart: 1\r\ncover: /images/a.png\r\nmacros: { "\\\\R": "\\\\mathbb{R}" }\r\n---\r\n\r\n$\\R^n$ の話。\r\n',
    // A warning (an unknown key) and an error (no date).
    '---\ntitle: 警告\ndate: 2025-01-01\ncolour: red\n---\n本文\n',
    '---\ntitle: 日付なし\n---\n本文\n',
    // No front matter at all.
    '本文だけ\n',
  ];

  it('reads back as the same result, dates and body included', () => {
    const results = sources.map((text) => parseArticle({ path: PATH, text }, defaultConfig()));
    expect(results[0]!.article?.updated).toBeInstanceOf(Date);
    expect(results[0]!.article?.macros).toEqual({ '\\R': '\\mathbb{R}' });
    expect(results[1]!.unknownKeys?.map((key) => key.name)).toEqual(['colour']);
    expect(results[2]!.article).toBeUndefined();
    for (const text of sources) {
      const source = { path: PATH, text };
      const parsed = parseArticle(source, defaultConfig());
      const stored = storedArticleResult(parsed);
      expect(stored).toBeDefined();
      const restored = restoredArticleResult(source, JSON.parse(JSON.stringify(stored)));
      expect(restored).toEqual(parsed);
    }
  });
});
