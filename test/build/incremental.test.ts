import { cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createBuilder, type BuildOptions, type Builder } from '../../src/pipeline/index.js';
import { outputText } from '../support/site-files.js';
import { indexFilesOf, searchFiles } from '../search/support.js';
import type { OutputFile } from '../../src/model/index.js';

/*
 * A builder decides what to render again from keys (src/render/template-data.ts,
 * `templateDataKeyer`), not from the pages' data. Whatever an edit changes, the pages it
 * keeps must be the pages a fresh build makes: each step below edits the site the way an
 * author does and compares every file with a build from nothing.
 */

const repo = path.resolve(import.meta.dirname, '../..');
let root: string;
let options: BuildOptions;
let builder: Builder;

const CONFIG = (bio: string) =>
  [
    'title: 差分ビルドのテスト',
    'baseUrl: https://example.com/',
    'defaultAuthor: sato',
    'postsPerPage: 2',
    'readMoreCount: 2',
    'authors:',
    '  sato:',
    '    name: 佐藤 葵',
    `    bio: ${bio}`,
    '  tanaka:',
    '    name: 田中 悠真',
    '',
  ].join('\n');

async function writePost(slug: string, fields: Record<string, string>, body: string) {
  const front = Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
  await writeFile(
    path.join(root, 'content/posts', `${slug}.md`),
    `---\n${front}\n---\n\n${body}\n`,
  );
}

const POSTS: Record<string, [Record<string, string>, string]> = {
  limit: [
    { title: '極限の定義', date: '2025-03-01', tags: '[解析]' },
    '数列 $a_n$ が $\\alpha$ に収束するとは、任意の $\\varepsilon > 0$ に対して番号 $N$ がとれることをいう。',
  ],
  'series-1': [
    {
      title: '級数の収束（前編）',
      date: '2025-03-05',
      tags: '[解析, 級数]',
      series: '級数',
      part: '1',
    },
    '$$\n\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6} \\tag{1.1}\n$$\n\nこの値は後編で使う。',
  ],
  'series-2': [
    { title: '級数の収束（後編）', date: '2025-03-09', tags: '[級数]', series: '級数', part: '2' },
    '前編の式 (1.1) から $\\zeta(2)$ の値がわかる。',
  ],
  matrix: [
    { title: '行列式の性質', date: '2025-03-12', tags: '[線形代数]', author: 'tanaka' },
    '$\\det(AB) = \\det A \\det B$ が成り立つ。',
  ],
  bayes: [
    { title: 'ベイズの定理', date: '2025-03-15', tags: '[確率, 解析]' },
    '$P(A \\mid B) = P(B \\mid A) P(A) / P(B)$ である。',
  ],
};

/**
 * The files by path; the search index is compared by its answers below: its ids stay as
 * the first build gave them, where a fresh build numbers the articles in the site's order.
 */
async function contents(files: OutputFile[]): Promise<Map<string, string>> {
  const kept = files.filter((file) => !file.path.startsWith('search-index/'));
  return new Map(
    await Promise.all(
      kept.map(
        async (file) =>
          [
            file.path,
            'copyFrom' in file ? `copy of ${file.copyFrom}` : await outputText(file),
          ] as const,
      ),
    ),
  );
}

/** Rebuild, telling the builder which files changed as the dev server's watcher does. */
async function expectSameAsFreshBuild(...changed: string[]): Promise<void> {
  const incremental = await builder.build({
    changedPaths: changed.map((file) => path.join(root, file)),
  });
  expect(incremental.exitCode).toBe(0);
  const fresh = await build({ ...options, cacheDir: false });
  expect(fresh.exitCode).toBe(0);
  const got = await contents(incremental.files);
  const want = await contents(fresh.files);
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [file, text] of want) expect(got.get(file), file).toBe(text);
  const [updated, clean] = [incremental, fresh].map((r) => searchFiles(indexFilesOf(r.files)));
  for (const query of SEARCHES) expect(await updated!(query), query).toEqual(await clean!(query));
}

/** Words of the articles below, and one of none. */
const SEARCHES = ['級数', '行列式', 'ベイズの定理', '\\zeta', 'det', '後編', '量子'];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-incremental-'));
  await mkdir(path.join(root, 'content/posts'), { recursive: true });
  for (const [slug, [fields, body]] of Object.entries(POSTS)) await writePost(slug, fields, body);
  await writeFile(path.join(root, 'site.yaml'), CONFIG('解析が好きな教員です。'));
  await cp(path.join(repo, 'templates'), path.join(root, 'templates'), { recursive: true });
  await cp(path.join(repo, 'public'), path.join(root, 'public'), { recursive: true });
  options = {
    cwd: repo,
    contentDir: path.join(root, 'content'),
    outDir: path.join(root, 'dist'),
    templatesDir: path.join(root, 'templates'),
    publicDir: path.join(root, 'public'),
    configPath: path.join(root, 'site.yaml'),
    cacheDir: path.join(root, 'cache'),
    drafts: true,
    strict: false,
    write: false,
    jobs: 1,
  };
  builder = createBuilder(options);
  expect((await builder.build()).exitCode).toBe(0);
});

afterAll(async () => {
  await builder.close();
  await rm(root, { recursive: true, force: true });
});

// The steps run in order on one builder, each on the site the previous one left.
describe('a builder after an edit gives the files of a fresh build', () => {
  it('when an article is retitled (its cards, Read more, series parts and neighbours)', async () => {
    const [fields, body] = POSTS['series-1']!;
    await writePost('series-1', { ...fields, title: '無限級数の収束（前編）' }, body);
    await expectSameAsFreshBuild('content/posts/series-1.md');
  });

  it('when an article moves to other tags', async () => {
    const [fields, body] = POSTS.limit!;
    await writePost('limit', { ...fields, tags: '[線形代数, 極限]' }, body);
    await expectSameAsFreshBuild('content/posts/limit.md');
  });

  it('when a date change reorders the index and the newer/older links', async () => {
    const [fields, body] = POSTS.matrix!;
    await writePost('matrix', { ...fields, date: '2025-02-01' }, body);
    await expectSameAsFreshBuild('content/posts/matrix.md');
  });

  it('when the opening paragraph (the excerpt) and the reading time change', async () => {
    const [fields] = POSTS.bayes!;
    await writePost('bayes', fields, `${'検査が陽性でも病気とは限らない。'.repeat(80)}\n\n$P(A)$`);
    await expectSameAsFreshBuild('content/posts/bayes.md');
  });

  it('when an author changes in an article and a bio changes in the config', async () => {
    const [fields, body] = POSTS.limit!;
    await writePost('limit', { ...fields, author: 'tanaka' }, body);
    await writeFile(path.join(root, 'site.yaml'), CONFIG('級数の話が好きな教員です。'));
    await expectSameAsFreshBuild('content/posts/limit.md', 'site.yaml');
  });

  it('when a series part is removed and a new article is added', async () => {
    await unlink(path.join(root, 'content/posts/series-1.md'));
    await writePost(
      'new',
      { title: '新しい記事', date: '2025-04-01', tags: '[級数]', draft: 'true' },
      '下書きの $x^2$。',
    );
    await expectSameAsFreshBuild('content/posts/series-1.md', 'content/posts/new.md');
  });

  it('when a partial template is edited and a public file is added', async () => {
    const card = path.join(root, 'templates/partials/post-card.liquid');
    await writeFile(card, `<!-- カード -->\n${await readFile(card, 'utf8')}`);
    await writeFile(path.join(root, 'public/著者について.txt'), '数学の記事を書いています。\n');
    await expectSameAsFreshBuild('templates/partials/post-card.liquid', 'public/著者について.txt');
  });

  it('when an edit touches neither templates nor public files, after both changed', async () => {
    const [fields] = POSTS.limit!;
    await writePost(
      'limit',
      { ...fields, author: 'tanaka' },
      '極限 $\\lim_{n \\to \\infty} a_n$ を考える。',
    );
    await expectSameAsFreshBuild('content/posts/limit.md');
  });
});
