import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/index.js';
import { repo, runCli } from '../support/cli.js';

const ZENN = path.join(repo, 'test/fixtures/import/zenn');
const QIITA = path.join(repo, 'test/fixtures/import/qiita');

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-import-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The imported site built as `npm run build` would in `root`, with the repository's templates. */
function buildImported(drafts: boolean) {
  return build({
    cwd: root,
    contentDir: 'content',
    outDir: 'dist',
    templatesDir: path.join(repo, 'templates'),
    publicDir: 'public',
    drafts,
    strict: false,
    cacheDir: false,
    jobs: 1,
  });
}

const exists = (relative: string) =>
  access(path.join(root, relative)).then(
    () => true,
    () => false,
  );
const read = (relative: string) => readFile(path.join(root, relative), 'utf8');

describe('sugaku import zenn', () => {
  it('turns a Zenn repository into a site that builds with no error and no warning', async () => {
    const run = await runCli(['import', 'zenn', ZENN], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Imported 3 articles from Zenn (' +
        ZENN +
        ') into content/posts/, 1 of them kept as draft, and 1 image into public/images/:',
    );
    expect(run.stdout).toContain('Left out books/: Zenn books are not articles');
    expect(run.stdout).toMatch(/content\/posts\/cauchy-schwarz\.md:\d+: `:::message` block/);
    expect(run.stdout).toContain('Next: npm run build -- --content content');

    const site = await buildImported(false);
    expect(site.diagnostics).toEqual([]);
    expect(site.exitCode).toBe(0);
    const page = await read('dist/posts/cauchy-schwarz/index.html');
    expect(page).toContain('コーシー・シュワルツの不等式を二次関数で証明する');
    expect(page).toMatch(
      /<img src="\/images\/cauchy-schwarz\/vectors\.png" alt="二つのベクトルのなす角" width="\d+" height="\d+"/,
    );
    // Zenn's `:::message` is a box with its label, not `:::` lines.
    expect(page).toContain(
      '<div class="callout callout--info">\n<p class="callout__label">メモ</p>',
    );
    expect(page).not.toContain(':::');
    expect(await exists('dist/images/cauchy-schwarz/vectors.png')).toBe(true);
    expect(page).toContain('2024年5月1日');
    expect(await read('dist/tags/linearalgebra/index.html')).toContain('コーシー・シュワルツ');
  });

  it('keeps a draft a draft: left out of a build, shown with --drafts', async () => {
    expect((await runCli(['import', 'zenn', ZENN], root)).code).toBe(0);
    expect(await read('content/posts/fermat-little.md')).toMatch(/\ndraft: true\n---\n/);
    expect((await buildImported(false)).exitCode).toBe(0);
    expect(await exists('dist/posts/fermat-little/index.html')).toBe(false);
    const withDrafts = await buildImported(true);
    expect(withDrafts.diagnostics).toEqual([]);
    expect(await read('dist/posts/fermat-little/index.html')).toContain('フェルマーの小定理のメモ');
  });

  it('copies each body as it was after the new front matter', async () => {
    expect((await runCli(['import', 'zenn', ZENN], root)).code).toBe(0);
    const original = await readFile(path.join(ZENN, 'articles/geometric-series.md'), 'utf8');
    const imported = await read('content/posts/geometric-series.md');
    const body = (text: string) => text.slice(text.indexOf('\n---\n', 4) + 5);
    expect(body(imported)).toBe(body(original));
    expect(imported.slice(0, imported.indexOf('\n---\n', 4) + 5)).toBe(
      '---\ntitle: 等比級数の和の公式を三行で\ndate: 2024-06-15 21:30\ntags: [math, 数列]\n---\n',
    );
  });

  it('with --dry-run prints the plan and writes nothing', async () => {
    const run = await runCli(['import', 'zenn', ZENN, '--dry-run'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Would import 3 articles from Zenn');
    expect(run.stdout).toContain('Nothing was written (--dry-run).');
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses to overwrite an existing article, writing nothing at all, unless --force', async () => {
    await mkdir(path.join(root, 'content/posts'), { recursive: true });
    await writeFile(path.join(root, 'content/posts/cauchy-schwarz.md'), '大事な下書き\n');
    const run = await runCli(['import', 'zenn', ZENN], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('content/posts/cauchy-schwarz.md');
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toContain('--force');
    expect(await read('content/posts/cauchy-schwarz.md')).toBe('大事な下書き\n');
    expect(await readdir(path.join(root, 'content/posts'))).toEqual(['cauchy-schwarz.md']);
    expect(await exists('public')).toBe(false);

    const forced = await runCli(['import', 'zenn', ZENN, '--force'], root);
    expect(forced.code).toBe(0);
    expect(await read('content/posts/cauchy-schwarz.md')).toContain('title: コーシー・シュワルツ');
  });

  it('dates an article without published_at by its first commit in the repository', async () => {
    const repository = path.join(root, 'zenn-repo');
    await mkdir(path.join(repository, 'articles'), { recursive: true });
    await writeFile(
      path.join(repository, 'articles/kaijou.md'),
      '---\ntitle: "階乗の近似"\nemoji: "❗"\ntype: "tech"\ntopics: ["math"]\npublished: true\n---\n\n$n! \\approx \\sqrt{2\\pi n}\\,(n/e)^n$ です。\n',
    );
    const git = (...args: string[]) =>
      promisify(execFile)('git', args, {
        cwd: repository,
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: '2023-04-05T06:07:08+09:00',
          GIT_COMMITTER_DATE: '2023-04-05T06:07:08+09:00',
        },
      });
    await git('init', '--quiet');
    await git('add', '.');
    await git(
      '-c',
      'user.name=テスト',
      '-c',
      'user.email=test@example.com',
      'commit',
      '-qm',
      '記事',
    );
    const site = path.join(root, 'site');
    await mkdir(site);
    const run = await runCli(['import', 'zenn', repository], site);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(date from first commit)');
    expect(await readFile(path.join(site, 'content/posts/kaijou.md'), 'utf8')).toContain(
      'date: 2023-04-05 06:07:08\n',
    );
  });

  it('explains a folder that is not a Zenn repository, and an unknown source', async () => {
    const notZenn = await runCli(['import', 'zenn', root], root);
    expect(notZenn.code).toBe(2);
    expect(notZenn.stderr).toContain('has no articles/ folder');
    const unknown = await runCli(['import', 'hatena', root], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('import reads zenn or qiita, not "hatena"');
  });
});

describe('sugaku import qiita', () => {
  it('turns a Qiita CLI folder into a site that builds with no error and no warning', async () => {
    const run = await runCli(['import', 'qiita', QIITA, '--out', 'site/content'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Left out public/.remote/');
    expect(run.stdout).toContain(
      'Next: npm run build -- --content site/content --public site/public',
    );
    expect((await readdir(path.join(root, 'site/content/posts'))).sort()).toEqual([
      '下書きメモ.md',
      '期待値の線形性.md',
      '行列の固有値.md',
    ]);
    const article = await read('site/content/posts/行列の固有値.md');
    expect(article).toMatch(
      /^---\ntitle: 2次正方行列の固有値を特性方程式で求める\ndate: 2024-03-10 21:15:42\ntags: \[数学, 線形代数\]\n---\n/,
    );
    expect(await read('site/content/posts/下書きメモ.md')).toMatch(/\ndraft: true\n---\n/);

    const site = await build({
      cwd: path.join(root, 'site'),
      contentDir: 'content',
      outDir: 'dist',
      templatesDir: path.join(repo, 'templates'),
      publicDir: 'public',
      drafts: true,
      strict: false,
      cacheDir: false,
      jobs: 1,
    });
    expect(site.diagnostics).toEqual([]);
    expect(site.exitCode).toBe(0);
    const qiita = await read('site/dist/posts/期待値の線形性/index.html');
    expect(qiita).toContain('サイコロの目の和');
    // Qiita's ```math fences are display math, not grey code.
    expect(qiita).toContain('class="katex-display"');
    expect(qiita).not.toContain('language-math');
  });

  it('writes a site config that keeps line breaks, with math.markdownEscapes when formulas hold \\_, and only if there is none', async () => {
    const folder = path.join(root, 'qiita');
    await mkdir(path.join(folder, 'public'), { recursive: true });
    await writeFile(
      path.join(folder, 'public/最適解.md'),
      "---\ntitle: 最適解の記号\ntags:\n  - 数学\nprivate: false\nupdated_at: '2022-02-02T10:00:00+09:00'\nid: 9e8d7c6b\n---\n\n最適値を $\\mathrm{OPT}\\_i$ と書く。\n",
    );
    const site = path.join(root, 'site');
    await mkdir(site);
    const dry = await runCli(['import', 'qiita', folder, '--dry-run'], site);
    expect(dry.stdout).toContain(
      'content/posts/最適解.md:7: Markdown escape `\\_` in the formula `$\\mathrm{OPT}\\_i$`',
    );
    expect(dry.stdout).toContain(
      'Would write sugaku.config.yaml with `markdown: { breaks: true }` and `math: { markdownEscapes: true }`',
    );
    expect(await readdir(site)).toEqual([]);

    const run = await runCli(['import', 'qiita', folder], site);
    expect(run.stdout).toContain(
      'Wrote sugaku.config.yaml with `markdown: { breaks: true }` and `math: { markdownEscapes: true }`',
    );
    const written = await readFile(path.join(site, 'sugaku.config.yaml'), 'utf8');
    expect(written).toContain('markdown:\n  breaks: true\n');
    expect(written).toContain('math:\n  markdownEscapes: true\n');
    // The config the import wrote is what this build reads (the build in this process: the
    // command's own output is not in question here).
    const built = await build({
      cwd: site,
      contentDir: 'content',
      outDir: 'dist',
      templatesDir: path.join(repo, 'templates'),
      publicDir: 'public',
      drafts: false,
      strict: false,
      cacheDir: false,
      jobs: 1,
    });
    expect(built.diagnostics).toEqual([]);
    expect(built.exitCode).toBe(0);
    expect(await readFile(path.join(site, 'dist/posts/最適解/index.html'), 'utf8')).toContain(
      '<annotation encoding="application/x-tex">\\mathrm{OPT}\\_i</annotation>',
    );

    const other = path.join(root, 'other');
    await mkdir(other);
    await writeFile(path.join(other, 'sugaku.config.yaml'), 'title: 数学ノート\n');
    const again = await runCli(['import', 'qiita', folder], other);
    expect(again.stdout).toContain(
      'Add `markdown: { breaks: true }` and `math: { markdownEscapes: true }` to sugaku.config.yaml',
    );
    expect(await readFile(path.join(other, 'sugaku.config.yaml'), 'utf8')).toBe(
      'title: 数学ノート\n',
    );
  });
});
