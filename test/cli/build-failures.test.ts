import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repo, runCli } from '../support/cli.js';
import { hashTree } from '../support/file-tree.js';

vi.setConfig({ testTimeout: 120_000 });

/**
 * What the machine can do to a build: a worker thread that dies, a disk that fills up, a
 * process the build waits for that never answers. Each ends with one line and an exit
 * code, never a stack trace or a silent exit, and the previous site stays as it was.
 * The faults are injected by preloaded modules (`NODE_OPTIONS=--import …`).
 */
const preload = (file: string) => ({
  NODE_OPTIONS: `--import ${path.join(import.meta.dirname, file)}`,
});

let root: string;
let out: string;

function post(name: string, body: string, date = '2025-05-20'): Promise<void> {
  return writeFile(
    path.join(root, 'content', 'posts', name),
    `---\ntitle: ${name}\ndate: ${date}\n---\n\n${body}\n`,
  );
}

/**
 * Sixteen short, older articles besides the one under test: a step with a single task runs
 * in the main thread while no worker has started, so only a site with two tasks of
 * articles (sixteen each) reaches the threads.
 */
async function olderArticles(): Promise<void> {
  for (let day = 1; day <= 16; day++) {
    await post(
      `kako${day}.md`,
      `${day} 日目のメモ: $x^{${day}}$ を微分する。`,
      `2025-01-${String(day).padStart(2, '0')}`,
    );
  }
}

function build(jobs: string, env: NodeJS.ProcessEnv = {}) {
  return runCli(
    [
      ...['build', '--content', 'content', '--out', 'dist', '--jobs', jobs, '--quiet'],
      ...['--templates', path.join(repo, 'templates'), '--public', path.join(repo, 'public')],
    ],
    root,
    env,
  );
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-failures-'));
  out = path.join(root, 'dist');
  await mkdir(path.join(root, 'content', 'posts'), { recursive: true });
  await post('heikin.md', '相加平均は相乗平均以上である: $\\frac{a+b}{2} \\ge \\sqrt{ab}$。');
  expect((await build('1')).code).toBe(0);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function expectPreviousSite(before: Map<string, string>): Promise<void> {
  expect(await hashTree(out)).toEqual(before);
  // No staging folder, lock or scratch folder left beside it.
  expect((await readdir(root)).sort()).toEqual(['.cache', 'content', 'dist']);
}

describe('a worker thread that dies in the middle of a build', () => {
  it('ends the build in one line with exit code 70 and keeps the previous site', async () => {
    const before = await hashTree(out);
    await post('tomaru.md', 'ここでスレッドが止まる。', '2025-06-01');
    await olderArticles();

    const run = await build('2', preload('stopping-worker.mjs'));

    expect(run.stderr).toMatch(
      /^sugaku: internal error while rendering content\/posts\/tomaru\.md(?: and \d+ more)? in a worker thread: Error: the worker thread stopped unexpectedly \(exit code 9\) \(a bug in sugaku: the previous output was left as it was; run again with --debug for the stack trace\)\n$/,
    );
    expect(run.code).toBe(70);
    await expectPreviousSite(before);
  });
});

describe('a worker thread that runs out of memory', () => {
  it('ends the build in one line with exit code 70 and keeps the previous site', async () => {
    const before = await hashTree(out);
    await post('kuishinbo.md', 'メモリを食べ尽くす。');
    await olderArticles();

    const run = await build('2', preload('hungry-worker.mjs'));

    expect(run.stderr).toMatch(
      /^sugaku: internal error while rendering content\/posts\/[a-z]+\.md(?: and \d+ more)? in a worker thread: Error: Worker terminated due to reaching memory limit: JS heap out of memory \(a bug in sugaku: the previous output was left as it was; run again with --debug for the stack trace\)\n$/,
    );
    expect(run.code).toBe(70);
    await expectPreviousSite(before);
  });
});

describe('a disk that fills up while pages are written', () => {
  for (const jobs of ['1', '2']) {
    it(`names the file in one line, exits 1 and keeps the previous site (--jobs ${jobs})`, async () => {
      const before = await hashTree(out);
      await post('atarashii.md', '新しい記事 $e^{i\\pi} = -1$。');

      const run = await build(jobs, preload('full-disk.mjs'));

      expect(run.stderr).toMatch(
        /^sugaku: cannot write dist\.staging-[0-9a-f]+\/posts\/[a-z]+\/index\.html: no space left on the device \(ENOSPC\)\. Nothing was written: the previous output was left as it was\.\n$/,
      );
      expect(run.code).toBe(1);
      await expectPreviousSite(before);
    });
  }
});

describe('a build waiting for something that can never answer', () => {
  it('says so in one line and exits 70 instead of ending silently', async () => {
    const before = await hashTree(out);

    const run = await build('1', preload('never-answers.mjs'));

    expect(run.stderr).toBe(
      'sugaku: internal error: build stopped before it finished: a worker thread or the ' +
        'search indexer ended without an answer (a bug in sugaku: the previous output was left ' +
        'as it was)\n',
    );
    expect(run.code).toBe(70);
    expect(await hashTree(out)).toEqual(before);
  });
});
