import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../src/config/index.js';

const FILE = 'sugaku.config.yaml';

function parse(text: string, overrides?: { basePath?: string }) {
  return parseConfig(text, FILE, overrides);
}

describe('a site without a config', () => {
  it('gets the defaults from an empty file', () => {
    const { config, diagnostics } = parse('');
    expect(diagnostics).toEqual([]);
    expect(config).toEqual(defaultConfig());
  });

  it('has a Japanese home menu, Tokyo time and 10 posts a page by default', () => {
    expect(defaultConfig()).toMatchObject({
      title: 'sugaku',
      baseUrl: 'http://localhost/',
      basePath: '/',
      language: 'ja',
      timeZone: 'Asia/Tokyo',
      menu: [{ label: 'ホーム', url: '/' }],
      postsPerPage: 10,
      readMoreCount: 3,
      readingSpeed: 600,
    });
  });

  it('fills in what the file leaves out', () => {
    const { config } = parse('title: 数学ノート\nauthors:\n  tanaka:\n    name: 田中太郎\n');
    expect(config?.title).toBe('数学ノート');
    expect(config?.authors).toEqual({ tanaka: { name: '田中太郎' } });
    expect(config?.postsPerPage).toBe(10);
  });

  it('treats a key with nothing after it as not set', () => {
    expect(parse('description:\n').config?.description).toBe('');
  });
});

describe('wrong values', () => {
  it('reports a quoted number at the value, with an example', () => {
    const { config, diagnostics } = parse('title: 数学ノート\npostsPerPage: "5"\n');
    expect(config).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        file: FILE,
        line: 2,
        column: 15,
        severity: 'error',
        code: 'config/invalid-type',
        message: '`postsPerPage` must be a whole number of at least 1, got the text "5"',
        hint: 'For example: postsPerPage: 10',
      },
    ]);
  });

  it('rejects zero posts per page and a negative "Read more" count', () => {
    const { diagnostics } = parse('postsPerPage: 0\nreadMoreCount: -1\n');
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, '`postsPerPage` must be a whole number of at least 1, got the number 0'],
      [2, '`readMoreCount` must be a whole number of at least 0, got the number -1'],
    ]);
  });

  it('points into a nested menu item', () => {
    const { diagnostics } = parse('menu:\n  - label: ホーム\n    url: 42\n');
    expect(diagnostics[0]).toMatchObject({ line: 3, column: 10, code: 'config/invalid-type' });
    expect(diagnostics[0]?.message).toBe('`menu[0].url` must be a link, got the number 42');
  });

  it('rejects a menu link that is neither a site path nor a URL', () => {
    const { diagnostics } = parse('menu:\n  - { label: 解析, url: "javascript:alert(1)" }\n');
    expect(diagnostics[0]?.message).toMatch(
      /^`menu\[0\]\.url` must be a site path starting with `\/`/,
    );
  });

  it('rejects a time zone Node does not know', () => {
    const { diagnostics } = parse('timeZone: Asia/Tokio\n');
    expect(diagnostics[0]).toMatchObject({
      line: 1,
      column: 11,
      message: '`timeZone` must be an IANA time zone such as Asia/Tokyo, got the text "Asia/Tokio"',
    });
  });

  it('rejects a base URL without a scheme', () => {
    const { diagnostics } = parse('baseUrl: example.com/blog\n');
    expect(diagnostics[0]?.message).toContain('must be an absolute http:// or https:// URL');
  });

  it('rejects an author id that cannot be part of a URL, at the id', () => {
    const { diagnostics } = parse('authors:\n  田中 太郎:\n    name: 田中太郎\n');
    expect(diagnostics[0]).toMatchObject({ line: 2, column: 3, severity: 'error' });
    expect(diagnostics[0]?.message).toContain('Invalid key `田中 太郎` in `authors`');
  });

  it('rejects a default author that is not in the author list', () => {
    const { diagnostics } = parse('authors:\n  tanaka: { name: 田中太郎 }\ndefaultAuthor: sato\n');
    expect(diagnostics[0]).toMatchObject({
      line: 3,
      column: 16,
      code: 'config/unknown-author',
      hint: 'Use one of: tanaka.',
    });
  });

  it('rejects macro names without a backslash', () => {
    const { diagnostics } = parse("macros:\n  R: '\\mathbb{R}'\n");
    expect(diagnostics[0]?.message).toBe(
      'Invalid key `R` in `macros`: macro names must start with `\\` (or be one character that is not a letter or digit, such as `’`)',
    );
  });

  it('accepts macros whose names start with a backslash', () => {
    expect(parse("macros:\n  '\\R': '\\mathbb{R}'\n").config?.macros).toEqual({
      '\\R': '\\mathbb{R}',
    });
  });
});

describe('unknown keys', () => {
  it('warns at the key and still builds', () => {
    const { config, diagnostics } = parse('title: 数学ノート\nposts_per_page: 5\n');
    expect(config?.postsPerPage).toBe(10);
    expect(diagnostics).toEqual([
      {
        file: FILE,
        line: 2,
        column: 1,
        severity: 'warning',
        code: 'config/unknown-key',
        message: 'Unknown key `posts_per_page` in the site config; it is ignored',
        hint: 'Did you mean `postsPerPage`?',
      },
    ]);
  });

  it('warns about unknown keys inside an author', () => {
    const { diagnostics } = parse('authors:\n  tanaka:\n    name: 田中太郎\n    twitter: tanaka\n');
    expect(diagnostics[0]).toMatchObject({ line: 4, column: 5, severity: 'warning' });
    expect(diagnostics[0]?.message).toContain('`twitter` in `authors.tanaka`');
  });

  it('takes a picture for the author box as a site path or URL, and refuses anything else', () => {
    const { config, diagnostics } = parse(
      'authors:\n  tanaka:\n    name: 田中太郎\n    avatar: /images/tanaka.png\n',
    );
    expect(diagnostics).toEqual([]);
    expect(config?.authors.tanaka?.avatar).toBe('/images/tanaka.png');
    const wrong = parse(
      'authors:\n  tanaka:\n    name: 田中太郎\n    avatar: javascript:alert(1)\n',
    );
    expect(wrong.diagnostics[0]).toMatchObject({ line: 4, severity: 'error' });
  });
});

describe('base URL and base path', () => {
  it('adds the missing slash to the base URL', () => {
    expect(parse('baseUrl: https://example.com/blog\n').config?.baseUrl).toBe(
      'https://example.com/blog/',
    );
  });

  it('takes the base path from the base URL when none is given', () => {
    expect(parse('baseUrl: https://example.github.io/notes/\n').config?.basePath).toBe('/notes/');
  });

  it.each([
    ['blog', '/blog/'],
    ['/blog', '/blog/'],
    ['blog/', '/blog/'],
    ['', '/'],
    ['//blog//', '/blog/'],
  ])('normalises base path %j to %j', (written, normalised) => {
    expect(parse(`basePath: "${written}"\n`).config?.basePath).toBe(normalised);
  });

  it('percent-encodes a Japanese base path, as links need', () => {
    expect(parse('basePath: /数学/\n').config?.basePath).toBe('/%E6%95%B0%E5%AD%A6/');
  });

  it('rejects a base path that climbs out with ..', () => {
    const { diagnostics } = parse('basePath: /blog/../x/\n');
    expect(diagnostics[0]).toMatchObject({ line: 1, column: 11, code: 'config/invalid-value' });
  });

  it('lets --base-path win over the file', () => {
    const { config } = parse('basePath: /blog/\n', { basePath: 'preview' });
    expect(config?.basePath).toBe('/preview/');
  });

  it('reports a bad --base-path by the option name', () => {
    const { diagnostics } = parse('', { basePath: '../x' });
    expect(diagnostics[0]).toMatchObject({ file: '--base-path', severity: 'error' });
  });
});

describe('syntax', () => {
  it('reads JSON, which is YAML', () => {
    expect(parse('{ "title": "数学ノート", "postsPerPage": 5 }').config).toMatchObject({
      title: '数学ノート',
      postsPerPage: 5,
    });
  });

  it('reports a YAML error at its line and column', () => {
    const { diagnostics } = parse('title: 数学ノート\ndescription: "集合と写像\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      line: 2,
      column: 14,
      code: 'config/yaml',
      severity: 'error',
    });
    expect(diagnostics[0]?.message).toContain('Missing closing "quote');
  });

  it('counts lines right in a file with a BOM and CRLF line endings', () => {
    const { diagnostics } = parse('\uFEFFtitle: 数学ノート\r\npostsPerPage: many\r\n');
    expect(diagnostics[0]).toMatchObject({ line: 2, column: 15 });
  });

  it('explains a full-width colon', () => {
    const { diagnostics } = parse('title：数学ノート\n');
    expect(diagnostics[0]?.code).toBe('config/not-a-mapping');
    expect(diagnostics[0]?.hint).toContain('half-width colon');
  });
});

describe('options for sites moved from Zenn and Qiita', () => {
  it('reads markdown.breaks and math.markdownEscapes, both off by default', () => {
    expect(defaultConfig()).toMatchObject({
      markdown: { breaks: false },
      math: { markdownEscapes: false },
    });
    const { config, diagnostics } = parse(
      'markdown:\n  breaks: true\nmath:\n  markdownEscapes: true\n',
    );
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({ markdown: { breaks: true }, math: { markdownEscapes: true } });
  });

  it('warns about an unknown markdown option at its line, and refuses a wrong type', () => {
    const unknown = parse('markdown:\n  linebreaks: true\n');
    expect(unknown.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '2:3 config/unknown-key',
    ]);
    const wrong = parse('markdown:\n  breaks: はい\n');
    expect(wrong.config).toBeUndefined();
    expect(wrong.diagnostics[0]).toMatchObject({ line: 2, severity: 'error' });
  });
});

describe('theorem numbering', () => {
  it('numbers per article by default, per section when theorems.numberWithin says so', () => {
    expect(defaultConfig().theorems).toEqual({ numberWithin: 'article' });
    const { config, diagnostics } = parse('theorems:\n  numberWithin: section\n');
    expect(diagnostics).toEqual([]);
    expect(config?.theorems).toEqual({ numberWithin: 'section' });
  });

  it('refuses another value at its line, and warns about an unknown theorem option', () => {
    const wrong = parse('theorems:\n  numberWithin: chapter\n');
    expect(wrong.config).toBeUndefined();
    expect(wrong.diagnostics[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(wrong.diagnostics[0]?.hint).toContain('numberWithin: section');
    const unknown = parse('theorems:\n  numbering: section\n');
    expect(unknown.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '2:3 config/unknown-key',
    ]);
  });
});
