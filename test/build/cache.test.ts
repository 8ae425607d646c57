import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleKey } from '../../src/pipeline/article-cache.js';
import { build, createBuilder, type BuildOptions } from '../../src/pipeline/index.js';
import { fingerprintOf } from '../../src/pipeline/fingerprint.js';
import { markdownOptions } from '../../src/pipeline/tasks.js';
import { defaultConfig } from '../../src/config/index.js';
import { article } from '../markdown/fixtures.js';

const repo = path.resolve(import.meta.dirname, '../..');
let root: string;
let options: BuildOptions;

async function writePost(name: string, body: string, extra = ''): Promise<void> {
  const text = `---\ntitle: ${name} の記事\ndate: 2025-05-${10 + name.length}\ntags: [解析]\n${extra}---\n\n${body}\n`;
  await writeFile(path.join(root, 'content/posts', `${name}.md`), text);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-cache-'));
  await mkdir(path.join(root, 'content/posts'), { recursive: true });
  await writePost('a', '関数 $f(x) = x^2$ の微分は $2x$ である。');
  await writePost('bb', '$$\n\\int_0^1 x \\, dx = \\frac{1}{2} \\tag{1}\n$$');
  await writePost('ccc', '級数 $\\sum_{n=1}^\\infty 1/n^2$ を考える。');
  options = {
    cwd: repo,
    contentDir: path.join(root, 'content'),
    outDir: path.join(root, 'dist'),
    templatesDir: 'templates',
    publicDir: 'public',
    cacheDir: path.join(root, 'cache'),
    configPath: path.join(root, 'site.yaml'),
    drafts: false,
    strict: false,
  };
  await writeFile(path.join(root, 'site.yaml'), 'title: キャッシュのテスト\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function mtimes(): Promise<Map<string, number>> {
  const dist = path.join(root, 'dist');
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const result = new Map<string, number>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    result.set(path.relative(dist, file), (await stat(file)).mtimeMs);
  }
  return result;
}

/** The two output folders hold the same search index files, byte for byte. */
async function expectSameSearchIndex(built: string, clean: string): Promise<void> {
  const files = (await readdir(path.join(root, clean, 'search-index'), { recursive: true }))
    .map(String)
    .filter((file) => file.endsWith('.gz'))
    .sort();
  expect(files.length).toBeGreaterThan(3);
  for (const file of files) {
    expect(await readFile(path.join(root, built, 'search-index', file)), file).toEqual(
      await readFile(path.join(root, clean, 'search-index', file)),
    );
  }
}

describe('the render cache', () => {
  it('renders nothing again in a second build of unchanged input, and rewrites no file', async () => {
    const first = await build(options);
    expect(first.exitCode).toBe(0);
    expect(first.stats.articlesRendered).toBe(3);
    expect(first.stats.searchFull).toBe(true);
    const before = await mtimes();

    const second = await build(options);
    expect(second.exitCode).toBe(0);
    expect(second.stats.articlesRendered).toBe(0);
    expect(second.stats.pagesRendered).toBe(0);
    // The search index comes out the same: no shard made again, no file rewritten.
    expect(second.stats.searchFull).toBe(false);
    expect(await mtimes()).toEqual(before);
  });

  it('after editing one article renders that article again and keeps the other files as they were', async () => {
    await build(options);
    const before = await mtimes();
    await writePost('bb', '$$\n\\int_0^1 x^2 \\, dx = \\frac{1}{3} \\tag{1}\n$$');

    const result = await build(options);
    expect(result.stats.articlesRendered).toBe(1);
    const after = await mtimes();
    expect(after.get('posts/bb/index.html')).not.toBe(before.get('posts/bb/index.html'));
    expect(after.get('assets/katex/katex.min.css')).toBe(before.get('assets/katex/katex.min.css'));
    expect(await readFile(path.join(root, 'dist/posts/bb/index.html'), 'utf8')).toContain('(1)');
  });

  it('leaves no scratch folder beside dist/, and removes the one a killed build left', async () => {
    await mkdir(path.join(root, 'dist.scratch-0dead/search-index'), { recursive: true });
    expect((await build(options)).exitCode).toBe(0);
    expect((await readdir(root)).filter((name) => name.includes('scratch'))).toEqual([]);
    expect(await readdir(path.join(root, 'dist/search-index'))).toContain('meta.json.gz');
  });

  it('after editing one article rewrites of the search index only its fragment, the delta and the meta', async () => {
    await build(options);
    const before = await mtimes();
    await writePost('bb', '$$\n\\int_0^1 x^2 \\, dx = \\frac{1}{3} \\tag{1}\n$$');

    const edited = await build(options);
    expect(edited.exitCode).toBe(0);
    expect(edited.stats.searchFull).toBe(false);
    const after = await mtimes();
    const index = [...after.keys()].filter((file) => file.startsWith('search-index/'));
    const rewritten = index.filter((file) => after.get(file) !== before.get(file));
    expect(rewritten.map((file) => file.replace(/-[0-9a-f]{12}\./, '-….')).sort()).toEqual([
      'search-index/delta-….json.gz',
      'search-index/doc/1.json.gz',
      'search-index/meta.json.gz',
    ]);
    expect(index.filter((file) => file.startsWith('search-index/shard/')).length).toBeGreaterThan(
      0,
    );
  });

  // 70 articles: their fragments fill a folder large enough to be checked by its own time.
  it.each([3, 70])(
    'makes the whole search index again when a file it would keep is gone from dist/ (%i articles)',
    async (articles) => {
      for (let n = 4; n <= articles; n++) {
        await writePost(`p${n}`, `第${n}回の記事では数列 $a_{${n}}$ の極限を調べる。`);
      }
      await build(options);
      await rm(path.join(root, 'dist/search-index/doc/2.json.gz'));
      await writePost('bb', '$$\n\\int_0^1 x^2 \\, dx = \\frac{1}{3} \\tag{1}\n$$');

      const edited = await build(options);
      expect(edited.exitCode).toBe(0);
      expect(edited.stats.searchFull).toBe(true);
      await cp(path.join(root, 'dist'), path.join(root, 'edited'), { recursive: true });
      await rm(path.join(root, 'dist'), { recursive: true });
      await rm(path.join(root, 'cache'), { recursive: true });
      expect((await build(options)).exitCode).toBe(0);
      await expectSameSearchIndex('edited', 'dist');
    },
  );

  it('renders every article again when a site macro changes', async () => {
    await build(options);
    await writeFile(
      path.join(root, 'site.yaml'),
      'title: キャッシュのテスト\nmacros:\n  "\\\\R": "\\\\mathbb{R}"\n',
    );
    expect((await build(options)).stats.articlesRendered).toBe(3);
  });

  it('renders every article again when math.markdownEscapes changes', async () => {
    await build(options);
    await writeFile(
      path.join(root, 'site.yaml'),
      'title: キャッシュのテスト\nmath:\n  markdownEscapes: true\n',
    );
    expect((await build(options)).stats.articlesRendered).toBe(3);
  });

  it('renders only that article again when its own macros change', async () => {
    await build(options);
    await writePost('a', '関数 $\\f$ を考える。', 'macros:\n  "\\\\f": "f(x)"\n');
    expect((await build(options)).stats.articlesRendered).toBe(1);
  });

  it('keeps articles but renders pages again when only the site title changes', async () => {
    await build(options);
    await writeFile(path.join(root, 'site.yaml'), 'title: 新しい題\n');
    const result = await build(options);
    expect(result.stats.articlesRendered).toBe(0);
    expect(result.stats.pagesRendered).toBe(result.stats.pages);
    expect(await readFile(path.join(root, 'dist/index.html'), 'utf8')).toContain('新しい題');
  });

  it('ignores a corrupt or foreign cache entry and renders the article again', async () => {
    const clean = await build({ ...options, cacheDir: false, outDir: path.join(root, 'clean') });
    expect(clean.exitCode).toBe(0);
    await build(options);
    const cacheFiles = (await readdir(path.join(root, 'cache/articles'), { recursive: true })).map(
      String,
    );
    const summaries = cacheFiles.filter((f) => f.endsWith('.json'));
    const bodies = cacheFiles.filter((f) => f.endsWith('.html'));
    const searchEntries = cacheFiles.filter((f) => f.endsWith('.search'));
    expect(searchEntries).toHaveLength(3);
    await writeFile(
      path.join(root, 'cache/articles', summaries[0]!),
      '{"format": 1, "key": "someone else"',
    );
    await writeFile(path.join(root, 'cache/articles', bodies[1]!), '<p>tampered</p>');
    await writeFile(
      path.join(root, 'cache/articles', searchEntries[2]!),
      '{"title":"改ざん","text":"改ざん","words":[["改ざ",2]],"length":1}',
    );
    await rm(path.join(root, 'dist'), { recursive: true });

    const result = await build(options);
    expect(result.exitCode).toBe(0);
    expect(result.stats.articlesRendered).toBeGreaterThanOrEqual(1);
    for (const name of ['a', 'bb', 'ccc']) {
      const page = `posts/${name}/index.html`;
      expect(await readFile(path.join(root, 'dist', page), 'utf8')).toBe(
        await readFile(path.join(root, 'clean', page), 'utf8'),
      );
    }
    // The search index too: a damaged entry is made again, never indexed.
    await expectSameSearchIndex('dist', 'clean');
  });

  it('indexes for search an article last rendered by the dev server as a clean build would', async () => {
    const dev = createBuilder({ ...options, write: false, drafts: false });
    try {
      expect((await dev.build()).exitCode).toBe(0);
      await writePost('a', '楕円積分 $K(k)$ を導入する。');
      const edited = await dev.build({ changedPaths: [path.join(root, 'content/posts/a.md')] });
      expect(edited.stats.articlesRendered).toBe(1);
    } finally {
      await dev.close();
    }
    expect((await build(options)).exitCode).toBe(0);
    const clean = await build({ ...options, cacheDir: false, outDir: path.join(root, 'clean') });
    expect(clean.exitCode).toBe(0);
    await expectSameSearchIndex('dist', 'clean');
  });

  it('keeps parsed front matter for the next process, and ignores a damaged file of it', async () => {
    const first = await build(options);
    const stored = JSON.parse(await readFile(path.join(root, 'cache/front-matter.json'), 'utf8'));
    expect(Object.keys(stored.entries)).toHaveLength(3);
    const before = await mtimes();
    // A new builder reads front matter back instead of parsing it: the site is the same.
    const second = await build(options);
    expect(second.stats.articlesRendered).toBe(0);
    expect(second.stats.filesWritten).toBe(0);
    expect(await mtimes()).toEqual(before);
    await writeFile(
      path.join(root, 'cache/front-matter.json'),
      '{"format": 1, "entries": {"x": 1}}',
    );
    await writePost('a', '関数 $f(x) = x^3$ の微分は $3x^2$ である。');
    const third = await build(options);
    expect(third.exitCode).toBe(0);
    expect(third.stats.articles).toBe(first.stats.articles);
    expect(await readFile(path.join(root, 'dist/posts/a/index.html'), 'utf8')).toContain('x^3');
  });

  it('warns about an unknown key once, naming every file, also when front matter is read back', async () => {
    await writePost('a', '本文。', 'colour: red\n');
    await writePost('bb', '本文。', 'colour: blue\n');
    const unknownKeys = (result: { diagnostics: { code: string; message: string }[] }) =>
      result.diagnostics.filter((d) => d.code === 'front-matter/unknown-key').map((d) => d.message);
    const first = await build(options);
    const second = await build(options);
    expect(second.stats.articlesRendered).toBe(0);
    expect(unknownKeys(first)).toEqual([
      expect.stringMatching(/`colour` in the front matter of 2 articles.*also in .*bb\.md:5/),
    ]);
    expect(unknownKeys(second)).toEqual(unknownKeys(first));
  });

  it('renders only the pages that read an edited template', async () => {
    const templates = path.join(root, 'templates');
    await cp(path.join(repo, 'templates'), templates, { recursive: true });
    const builder = createBuilder({ ...options, templatesDir: templates, write: false });
    try {
      await builder.build();
      const article = path.join(templates, 'article.liquid');
      await writeFile(
        article,
        (await readFile(article, 'utf8')).replace(
          '{% endblock %}',
          '<p>記事だけ</p>{% endblock %}',
        ),
      );
      const articleEdit = await builder.build({ changedPaths: [article] });
      expect(articleEdit.stats.pagesRendered).toBe(3);
      expect(articleEdit.changed.filter((file) => file.endsWith('.html')).sort()).toEqual([
        'posts/a/index.html',
        'posts/bb/index.html',
        'posts/ccc/index.html',
      ]);
      const card = path.join(templates, 'partials/post-card.liquid');
      await writeFile(card, `${await readFile(card, 'utf8')}<!-- カード -->`);
      const cardEdit = await builder.build({ changedPaths: [card] });
      // Cards are on the lists and in every article's Read more; not on the 404 or search page.
      expect(cardEdit.changed).toContain('index.html');
      expect(cardEdit.changed).toContain('posts/a/index.html');
      expect(cardEdit.changed).not.toContain('404.html');
      expect(cardEdit.changed).not.toContain('search/index.html');
    } finally {
      await builder.close();
    }
  });

  it('in one builder, reports which output files changed since the previous build', async () => {
    const builder = createBuilder({ ...options, write: false });
    try {
      const first = await builder.build();
      expect(first.changed).toContain('posts/a/index.html');
      const unchanged = await builder.build();
      expect(unchanged.changed).toEqual([]);
      // A change far below the excerpt: the cards of `a` on other pages stay as they were.
      const opening = '関数 $f(x) = x^2$ の微分は $2x$ である。'.repeat(12);
      await writePost('a', opening);
      await builder.build();
      await writePost('a', `${opening}\n\n## 補足\n\n二階微分は $2$ である。`);
      const edited = await builder.build();
      expect(edited.changed).toContain('posts/a/index.html');
      expect(edited.changed).not.toContain('posts/ccc/index.html');
      expect(edited.changed).not.toContain('index.html');
      expect(edited.files.find((f) => f.path === 'posts/a/index.html')).toBeDefined();
    } finally {
      await builder.close();
    }
  });
});

describe('cache keys', () => {
  it('change with the KaTeX version, our own code and the source', () => {
    const code = [{ name: '/math/engine.js', text: 'export const a = 1;' }];
    const base = fingerprintOf(code, { katex: '0.19.1', 'markdown-it': '15.0.3' });
    expect(fingerprintOf(code, { katex: '0.19.2', 'markdown-it': '15.0.3' })).not.toBe(base);
    expect(
      fingerprintOf([{ ...code[0]!, text: 'export const a = 2;' }], {
        katex: '0.19.1',
        'markdown-it': '15.0.3',
      }),
    ).not.toBe(base);

    const source = article('本文 $x$');
    const plain = { macros: {}, basePath: '/' };
    const key = articleKey(source, plain, base);
    expect(articleKey(source, { macros: {}, basePath: '/' }, base)).toBe(key);
    expect(articleKey(article('本文 $y$'), plain, base)).not.toBe(key);
    expect(articleKey(source, { ...plain, macros: { '\\R': '\\mathbb{R}' } }, base)).not.toBe(key);
    expect(articleKey(source, { ...plain, basePath: '/blog/' }, base)).not.toBe(key);
    expect(articleKey(source, { ...plain, markdownEscapes: true }, base)).not.toBe(key);
    expect(articleKey(source, plain, fingerprintOf(code, { katex: '0.20.0' }))).not.toBe(key);
  });

  it('change with the site’s theorem numbering, which changes every 定理 of an article', () => {
    const site = defaultConfig();
    const source = article(':::定理\n主張。\n:::\n');
    const perSection = markdownOptions({ ...site, theorems: { numberWithin: 'section' } });
    expect(articleKey(source, perSection, 'code')).not.toBe(
      articleKey(source, markdownOptions(site), 'code'),
    );
  });
});
