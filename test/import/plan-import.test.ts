import { describe, expect, it } from 'vitest';
import {
  importSummary,
  planImport,
  type ImportFolder,
  type ImportSourceFile,
} from '../../src/import/index.js';

const MODIFIED = new Date('2025-01-10T03:00:00Z');

function source(path: string, text: string, extra: Partial<ImportSourceFile> = {}) {
  return { path, text, modified: MODIFIED, ...extra };
}

function zenn(articles: ImportSourceFile[], images: string[] = []): ImportFolder {
  return { dialect: 'zenn', articles, images, leftOut: [] };
}

function qiita(articles: ImportSourceFile[]): ImportFolder {
  return { dialect: 'qiita', articles, images: [], leftOut: [] };
}

const ZENN_BODY = '\n$x^2$ の話。\n';

describe('front matter from Zenn', () => {
  const text = [
    '---',
    'title: "二次関数: 平方完成"',
    'emoji: "📈"',
    'type: "tech"',
    'topics: ["math", "二次関数"]',
    'published: true',
    'published_at: 2024-05-01 09:00',
    '---',
    ZENN_BODY,
  ].join('\n');

  it("becomes sugaku's keys, the body kept byte for byte", () => {
    const [article] = planImport(zenn([source('articles/heihou.md', text)]), 'Asia/Tokyo').articles;
    expect(article).toEqual({
      from: 'articles/heihou.md',
      to: 'posts/heihou.md',
      text: `---\ntitle: "二次関数: 平方完成"\ndate: 2024-05-01 09:00\ntags: [math, 二次関数]\n---\n${ZENN_BODY}`,
      draft: false,
      dateFrom: 'published_at',
    });
  });

  it("reads published_at in Japan's time, as Zenn does, and writes it in the site's", () => {
    const [article] = planImport(zenn([source('articles/heihou.md', text)]), 'UTC').articles;
    expect(article?.text).toContain('date: 2024-05-01 00:00\n');
  });

  it('keeps published: false as draft: true', () => {
    const draft = text.replace('published: true', 'published: false');
    const [article] = planImport(
      zenn([source('articles/heihou.md', draft)]),
      'Asia/Tokyo',
    ).articles;
    expect(article?.draft).toBe(true);
    expect(article?.text).toMatch(/\ndraft: true\n---\n/);
  });

  it('dates an article without published_at by its first commit, else by the file time', () => {
    const bare = text.replace('published_at: 2024-05-01 09:00\n', '');
    const firstCommit = new Date('2023-11-03T12:34:56+09:00');
    const { articles } = planImport(
      zenn([source('articles/a.md', bare, { firstCommit }), source('articles/b.md', bare)]),
      'Asia/Tokyo',
    );
    expect(articles.map((a) => [a.dateFrom, /date: (.*)/.exec(a.text)?.[1]])).toEqual([
      ['git', '2023-11-03 12:34:56'],
      ['file time', '2025-01-10 12:00'],
    ]);
  });

  it("keeps sugaku's own keys and any other, and says which sugaku does not use", () => {
    const extra = text.replace('---\n\n', 'series: 二次関数入門\nthumbnail: a.png\n---\n\n');
    const plan = planImport(zenn([source('articles/heihou.md', extra)]), 'Asia/Tokyo');
    expect(plan.articles[0]?.text).toContain('series: 二次関数入門\nthumbnail: a.png\n---\n');
    expect(plan.notes).toEqual([
      {
        file: 'posts/heihou.md',
        line: 1,
        kind: 'front-matter',
        message: '`thumbnail` is kept, but sugaku does not use it',
      },
    ]);
  });
});

describe('front matter from Qiita CLI', () => {
  const qiitaText = (keys: string) =>
    `---\ntitle: 行列の積\ntags:\n  - 数学\n  - 線形代数\n${keys}organization_url_name: null\nslide: false\n---\n本文\n`;

  it('takes the date from updated_at when the first commit is later (a repository made by qiita pull)', () => {
    const text = qiitaText(
      "private: false\nupdated_at: '2024-03-10T21:15:42+09:00'\nid: 3f8a1c2e\n",
    );
    const [article] = planImport(
      qiita([
        source('public/行列の積.md', text, { firstCommit: new Date('2025-01-01T00:00:00Z') }),
      ]),
      'Asia/Tokyo',
    ).articles;
    expect(article?.dateFrom).toBe('updated_at');
    expect(article?.text).toBe(
      '---\ntitle: 行列の積\ndate: 2024-03-10 21:15:42\ntags: [数学, 線形代数]\n---\n本文\n',
    );
  });

  it('takes the first commit when it is earlier, and updated_at as the update', () => {
    const text = qiitaText(
      "private: false\nupdated_at: '2024-03-10T21:15:42+09:00'\nid: 3f8a1c2e\n",
    );
    const [article] = planImport(
      qiita([
        source('public/行列の積.md', text, { firstCommit: new Date('2024-01-05T10:00:00+09:00') }),
      ]),
      'Asia/Tokyo',
    ).articles;
    expect(article?.text).toContain('date: 2024-01-05 10:00\nupdated: 2024-03-10 21:15:42\n');
  });

  it('keeps what was not public on Qiita as a draft, saying why', () => {
    const plan = planImport(
      qiita([
        source('public/a.md', qiitaText("private: true\nupdated_at: ''\nid: 1a2b\n")),
        source('public/b.md', qiitaText("private: false\nupdated_at: ''\nid: null\n")),
        source('public/c.md', qiitaText('private: false\nid: 3c4d\nignorePublish: true\n')),
      ]),
      'Asia/Tokyo',
    );
    expect(plan.articles.map((a) => a.draft)).toEqual([true, true, true]);
    expect(plan.notes.map((note) => [note.file, note.message])).toEqual([
      ['posts/a.md', 'limited sharing on Qiita (`private: true`): kept as a draft'],
      ['posts/b.md', 'never published on Qiita (`id: null`): kept as a draft'],
    ]);
  });
});

describe('bodies', () => {
  const frontMatter = '---\ntitle: 図\npublished_at: 2024-05-01 09:00\n---\n';

  it('are copied untouched, CRLF and all, when they have nothing to rewrite', () => {
    const body = '\r\n$$\r\na^2 + b^2 = c^2\r\n$$\r\n\r\n```python\r\nprint($x$)\r\n```\r\n';
    const plan = planImport(zenn([source('articles/a.md', `${frontMatter}${body}`)]), 'Asia/Tokyo');
    expect(plan.articles[0]?.text.endsWith(`---\n${body}`)).toBe(true);
    expect(plan.notes).toEqual([]);
  });

  it("point ../images/ links at /images/, where Zenn's images are copied, and flag a missing one", () => {
    const body =
      '\n![図1](../images/a/fig.png)\n![図2](/images/a/fig.png =300x)\n![図3](/images/nai.png)\n';
    const plan = planImport(
      zenn([source('articles/a.md', `${frontMatter}${body}`)], ['a/fig.png']),
      'Asia/Tokyo',
    );
    expect(plan.images).toEqual([{ from: 'images/a/fig.png', to: 'images/a/fig.png' }]);
    expect(plan.articles[0]?.text).toContain(
      '![図1](/images/a/fig.png)\n![図2](/images/a/fig.png =300x)\n![図3](/images/nai.png)\n',
    );
    expect(plan.notes).toEqual([
      {
        file: 'posts/a.md',
        line: 8,
        kind: 'image',
        message: "image /images/nai.png is not in the repository's images/ folder",
      },
    ]);
  });

  it('note, by line of the new file, what sugaku may show differently', () => {
    const body = [
      '',
      ':::details 証明',
      '$$',
      'a = b',
      '',
      'b = c',
      '$$',
      ':::',
      '',
      '関数 $f_{\\mathrm{OPT}}\\_i$ と `$a\\_b$` を比べる。',
      '',
      '```tex',
      '$x\\_1$ :::message',
      '```',
      '@[youtube](abcdef)',
      '',
    ].join('\n');
    const plan = planImport(zenn([source('articles/a.md', `${frontMatter}${body}`)]), 'Asia/Tokyo');
    // The new front matter has 4 lines (---, title, date, ---): body line n is line n + 4.
    expect(plan.notes.map((note) => [note.line, note.message])).toEqual([
      [6, '`:::details` block (Zenn): check how it looks'],
      [
        7,
        '`$$` block with a blank line in it (line 5): sugaku reads it but warns (math/blank-line-in-display); delete the blank line',
      ],
      [14, 'Markdown escape `\\_` in the formula `$f_{\\mathrm{OPT}}\\_i$`'],
      [19, 'Zenn embed `@[youtube]` is shown as text: replace it with a link'],
    ]);
    expect(plan.needsMarkdownEscapes).toBe(true);
  });

  it('note HTML, which sugaku shows as text, but not a < and > in formulas', () => {
    const body = '\n一行目<br>二行目\n\n$x<i$ かつ $j>0$ のとき\n';
    const plan = planImport(zenn([source('articles/a.md', `${frontMatter}${body}`)]), 'Asia/Tokyo');
    expect(plan.notes.map((note) => [note.line, note.kind])).toEqual([[6, 'html']]);
  });

  it('need no markdownEscapes when the only escapes are in code', () => {
    const body = '\n`$a\\_b$` と書くと崩れる。\n\n```\n$x\\*y$\n```\n';
    const plan = planImport(zenn([source('articles/a.md', `${frontMatter}${body}`)]), 'Asia/Tokyo');
    expect(plan.needsMarkdownEscapes).toBe(false);
  });
});

describe('the summary', () => {
  it('counts what to look at by kind, then lists each at its file and line', () => {
    const text = [
      '---',
      'title: 証明',
      'published: false',
      '---',
      ':::details 証明',
      '$a\\_1$ と $a\\*$',
      ':::',
      '',
      ':::message',
      '注意',
      ':::',
      '',
    ].join('\n');
    const plan = planImport(zenn([source('articles/shoumei.md', text)]), 'Asia/Tokyo');
    const summary = importSummary(plan, {
      source: '../zenn',
      content: 'content',
      public: 'public',
      dryRun: false,
      config: 'written',
      configFile: 'sugaku.config.yaml',
      buildCommand: 'npm run build -- --content content',
    });
    expect(summary).toBe(
      [
        'Imported 1 article from Zenn (../zenn) into content/posts/, 1 of them kept as draft:',
        '  articles/shoumei.md → content/posts/shoumei.md  (date from the file time, not in git; draft)',
        '',
        'To look at: 2 `:::` blocks, 2 Markdown escapes in math',
        '  content/posts/shoumei.md:6: `:::details` block (Zenn): check how it looks',
        '  content/posts/shoumei.md:7: Markdown escape `\\_` in the formula `$a\\_1$`',
        '  content/posts/shoumei.md:7: Markdown escape `\\*` in the formula `$a\\*$`',
        '  content/posts/shoumei.md:10: `:::message` block (Zenn): check how it looks',
        '',
        'Wrote sugaku.config.yaml with `markdown: { breaks: true }` and `math: { markdownEscapes: true }`, so that line breaks show as they did and \\_ and \\* in formulas read as _ and *.',
        '',
        'Next: npm run build -- --content content',
        '',
      ].join('\n'),
    );
  });
});
