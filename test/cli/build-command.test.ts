import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let root: string;
let content: string;
let out: string;

async function writePost(name: string, text: string): Promise<void> {
  await writeFile(path.join(content, 'posts', name), text);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-cli-'));
  content = path.join(root, 'content');
  out = path.join(root, 'out');
  await mkdir(path.join(content, 'posts'), { recursive: true });
  await writePost(
    'kansu.md',
    '---\ntitle: 関数の極限\ndate: 2025-05-20 10:00\nauthor: 山田 花子\ntags: [解析]\n---\n\n極限 $\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1$ を示す。\n\n$$\n\\lim_{x\\to0}\\frac{\\sin x}{x} = 1 \\tag{1.1}\n$$\n',
  );
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('sugaku build', () => {
  it('builds a folder of articles and prints a one-line summary', async () => {
    // A config of its own: the repository's menu names tags this one-article site lacks,
    // which the build rightly reports as dead links.
    const config = path.join(root, 'site.yaml');
    await writeFile(config, 'title: 関数のノート\n');
    const run = await runCli(['build', '--content', content, '--out', out, '--config', config]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Built 1 articles, \d+ pages, 2 formulas into .* in \d+\.\d\d s\n$/,
    );
    const page = await readFile(path.join(out, 'posts/kansu/index.html'), 'utf8');
    expect(page).toContain('関数の極限');
    expect(page).toContain('id="eq-1.1"');
    const authorPage = await readFile(path.join(out, 'authors/山田-花子/index.html'), 'utf8');
    expect(authorPage).toContain('山田 花子');
  });

  it('is silent with --quiet when all is well', async () => {
    const run = await runCli(['build', '--content', content, '--out', out, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('reports broken YAML at file:line:col with a code frame, exits 1 and leaves the previous output as it was', async () => {
    expect((await runCli(['build', '--content', content, '--out', out])).code).toBe(0);
    const before = await readFile(path.join(out, 'posts/kansu/index.html'), 'utf8');
    await writePost(
      'broken.md',
      '---\ntitle: 壊れた記事\ndate: 2025-05-21\ntags: [解析\n---\n本文\n',
    );
    const run = await runCli(['build', '--content', content, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.md:\d+:\d+ error\[front-matter\/yaml\]/);
    expect(run.stderr).toContain('| tags: [解析');
    expect(run.stderr).toContain('Nothing was written');
    expect(await readFile(path.join(out, 'posts/kansu/index.html'), 'utf8')).toBe(before);
  });

  it('reports a missing title with its location and exits 1', async () => {
    await writePost('notitle.md', '---\ndate: 2025-05-21\n---\n本文\n');
    const run = await runCli(['build', '--content', content, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/notitle\.md:\d+:\d+ error\[front-matter\/missing-title\]/);
  });

  it('reports a broken formula at its line and exits 1', async () => {
    await writePost(
      'formula.md',
      '---\ntitle: 数式の誤り\ndate: 2025-05-21\n---\n\n一行目。\n\n式 $\\frac{1}{2$ が閉じていない。\n',
    );
    const run = await runCli(['build', '--content', content, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/formula\.md:8:\d+ error\[math\/katex-error\]/);
  });

  it('leaves out drafts unless --drafts is given', async () => {
    await writePost(
      'draft.md',
      '---\ntitle: 下書きの記事\ndate: 2025-05-22\ndraft: true\n---\n本文\n',
    );
    await runCli(['build', '--content', content, '--out', out]);
    await expect(readFile(path.join(out, 'posts/draft/index.html'))).rejects.toThrow();
    await runCli(['build', '--content', content, '--out', out, '--drafts']);
    expect(await readFile(path.join(out, 'posts/draft/index.html'), 'utf8')).toContain('下書き');
  });

  it('exits 2 on an unknown option or command', async () => {
    expect((await runCli(['build', '--nope'])).code).toBe(2);
    expect((await runCli(['publish'])).code).toBe(2);
  });

  it('exits 2 on a config error, naming the file and line', async () => {
    const config = path.join(root, 'site.yaml');
    await writeFile(config, 'title: テスト\npostsPerPage: たくさん\n');
    const run = await runCli(['build', '--content', content, '--out', out, '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/site\.yaml:2:\d+ error/);
  });

  it('exits 2 with a clear message, not a stack trace, when the templates folder is missing', async () => {
    const run = await runCli([
      'build',
      '--content',
      content,
      '--out',
      out,
      '--templates',
      path.join(root, 'nowhere'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error\[config\/no-templates\]: There is no templates folder/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('puts back a site left in .previous by a killed build, even when this build fails', async () => {
    expect((await runCli(['build', '--content', content, '--out', out])).code).toBe(0);
    await rename(out, `${out}.previous`);
    await writePost('notitle.md', '---\ndate: 2025-05-21\n---\n本文\n');
    expect((await runCli(['build', '--content', content, '--out', out])).code).toBe(1);
    expect(await readFile(path.join(out, 'posts/kansu/index.html'), 'utf8')).toContain(
      '関数の極限',
    );
  });
});
