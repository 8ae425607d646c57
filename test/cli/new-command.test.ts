import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/pipeline/index.js';
import { runNew } from '../../src/cli/new-command.js';
import { repo, runCli } from '../support/cli.js';
import { outputText } from '../support/site-files.js';

let root: string;

const CONFIG = 'timeZone: Asia/Tokyo\ndefaultAuthor: sato\nauthors:\n  sato:\n    name: 佐藤 葵\n';

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-new-'));
  await writeFile(path.join(root, 'sugaku.config.yaml'), CONFIG);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const read = (relative: string) => readFile(path.join(root, relative), 'utf8');

describe('sugaku new', () => {
  it('writes content/posts/<title>.md with the front matter filled in, as a draft', async () => {
    const run = await runCli(['new', '対数の性質'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('content/posts/対数の性質.md');
    const text = await read('content/posts/対数の性質.md');
    expect(text).toMatch(
      /^---\ntitle: 対数の性質\ndate: \d{4}-\d\d-\d\d \d\d:\d\d\nauthor: sato\ndraft: true\n---\n\n$/,
    );
  });

  it('refuses to overwrite an existing article and leaves it as it was', async () => {
    expect((await runCli(['new', '対数の性質'], root)).code).toBe(0);
    const file = path.join(root, 'content/posts/対数の性質.md');
    await writeFile(file, '---\ntitle: 書きかけ\ndate: 2025-05-20\n---\n大事な本文\n');
    const again = await runCli(['new', '対数の性質'], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('content/posts/対数の性質.md already exists');
    expect(again.stderr).toContain('--slug');
    expect(await readFile(file, 'utf8')).toContain('大事な本文');
  });

  it('takes --slug, --tags, --series and --content', async () => {
    const run = await runCli(
      [
        'new',
        '対数の性質',
        '--slug',
        'log-rules',
        '--tags',
        '対数,代数',
        '--series',
        '指数関数と対数',
        '--content',
        'site',
      ],
      root,
    );
    expect(run.code).toBe(0);
    const text = await read('site/posts/log-rules.md');
    expect(text).toContain('tags: [対数, 代数]\n');
    expect(text).toContain('series: 指数関数と対数\n');
  });

  it('makes a slug from a title with spaces and symbols', async () => {
    expect((await runCli(['new', 'Euler の公式：複素数'], root)).code).toBe(0);
    expect(await read('content/posts/Euler-の公式-複素数.md')).toContain(
      'title: Euler の公式：複素数',
    );
  });

  it('writes an article that builds: marked 下書き with drafts (as dev builds), left out of a plain build', async () => {
    expect((await runCli(['new', '新しい記事'], root)).code).toBe(0);
    await writeFile(
      path.join(root, 'content/posts/other.md'),
      '---\ntitle: 公開済み\ndate: 2025-05-20\n---\n本文\n',
    );
    const site = (drafts: boolean) =>
      build({
        cwd: root,
        contentDir: 'content',
        outDir: 'dist',
        templatesDir: path.join(repo, 'templates'),
        publicDir: path.join(repo, 'public'),
        drafts,
        strict: false,
        write: false,
        cacheDir: false,
      });
    const page = (result: BuildResult) =>
      result.files.find((file) => file.path === 'posts/新しい記事/index.html');
    const withDrafts = await site(true);
    expect(withDrafts.diagnostics).toEqual([]);
    const draftPage = page(withDrafts);
    expect(draftPage).toBeDefined();
    const html = await outputText(draftPage!);
    expect(html).toContain('新しい記事');
    expect(html).toContain('下書き');
    const published = await site(false);
    expect(published.exitCode).toBe(0);
    expect(page(published)).toBeUndefined();
  });

  it.each([
    [[], 'new needs a title'],
    [['  '], 'the title is empty'],
    [['？！'], 'give one with --slug'],
    [['対数', '--slug', '../etc'], '--slug "../etc" may only contain'],
    [['対数', '--tags', 'a/b'], 'must not contain'],
    [['対数', 'の性質'], 'quote a title with spaces'],
  ])('refuses %j with a usage error (exit 2)', async (args, message) => {
    const run = await runCli(['new', ...args], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 2 on a broken config, writing nothing', async () => {
    await writeFile(path.join(root, 'sugaku.config.yaml'), 'timeZone: [\n');
    const run = await runCli(['new', '対数の性質'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('sugaku.config.yaml:');
    await expect(read('content/posts/対数の性質.md')).rejects.toThrow();
  });
});

describe('runNew with an injected clock', () => {
  const at = new Date('2025-05-19T16:30:00Z');

  it("dates the article in the site's time zone", async () => {
    expect(await runNew(['対数の性質'], { cwd: root, now: () => at })).toBe(0);
    expect(await read('content/posts/対数の性質.md')).toContain('date: 2025-05-20 01:30\n');
  });

  it('follows the configured time zone', async () => {
    await writeFile(path.join(root, 'sugaku.config.yaml'), 'timeZone: America/New_York\n');
    await mkdir(path.join(root, 'content/posts'), { recursive: true });
    expect(await runNew(['時差'], { cwd: root, now: () => at })).toBe(0);
    const text = await read('content/posts/時差.md');
    expect(text).toContain('date: 2025-05-19 12:30\n');
    expect(text).not.toContain('author:');
  });
});
