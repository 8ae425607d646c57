import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repo, runCli, type CliRun } from '../support/cli.js';
import { hashTree } from '../support/file-tree.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

/**
 * Two `sugaku build` into one folder at once (a save hook and a terminal, two CI steps):
 * the second waits for the first, and every round ends with a complete site and no stack
 * trace. Both share `.cache/` as well. Before the lock, the builds removed each other's
 * staging folders: stack traces, and sometimes no site at all.
 */
const ROUNDS = 20;

let root: string;
let out: string;
let reference: Map<string, string>;

const WAITING = /^Another build is writing .*dist\/ \(pid \d+\); waiting…\n$/;

function build(...extra: string[]): Promise<CliRun> {
  return runCli(
    [
      ...['build', '--content', 'content', '--out', 'dist', '--jobs', '1', '--quiet'],
      ...['--templates', path.join(repo, 'templates'), '--public', path.join(repo, 'public')],
      ...extra,
    ],
    root,
  );
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-concurrent-'));
  out = path.join(root, 'dist');
  await mkdir(path.join(root, 'content', 'posts'), { recursive: true });
  await writeFile(
    path.join(root, 'content', 'posts', 'heikin.md'),
    '---\ntitle: 相加平均と相乗平均\ndate: 2025-05-20\ntags: [不等式]\n---\n\n$\\frac{a+b}{2} \\ge \\sqrt{ab}$ が成り立つ。\n',
  );
  expect((await build()).code).toBe(0);
  reference = await hashTree(out);
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function expectOneCompleteSite(runs: CliRun[]): Promise<void> {
  for (const run of runs) {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr === '' || WAITING.test(run.stderr), run.stderr).toBe(true);
  }
  expect(await hashTree(out)).toEqual(reference);
  // No staging folder, lock or retired site left beside it.
  expect((await readdir(root)).sort()).toEqual(['.cache', 'content', 'dist']);
}

describe('two builds into one folder at once', () => {
  // Odd rounds start from no site at all. Even rounds run without the cache, so that both
  // builds write the whole site again and swap it in over the previous one.
  it(`both succeed and leave one complete site, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = round % 2 === 1;
      if (fresh) await rm(out, { recursive: true, force: true });
      const extra = fresh ? [] : ['--no-cache'];
      await expectOneCompleteSite(await Promise.all([build(...extra), build(...extra)]));
    }
  });
});

describe('the output folder lock', () => {
  const lockFile = () => `${out}.lock`;
  const holdAs = (pid: number) =>
    writeFile(lockFile(), JSON.stringify({ pid, host: hostname(), token: 'test' }), {
      flag: 'wx',
    });

  it('with --no-wait, gives up at once with exit code 2 while another build holds it', async () => {
    await holdAs(process.pid);
    try {
      const run = await build('--no-wait');
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `sugaku: another build is writing dist/ (pid ${process.pid}). ` +
          'Run again when it is done, or without --no-wait to wait for it.\n',
      );
    } finally {
      await unlink(lockFile());
    }
  });

  it('says it waits, and builds once the other build is done', async () => {
    await holdAs(process.pid);
    const child = spawn(
      process.execPath,
      [
        path.join(repo, 'bin/sugaku.js'),
        ...['build', '--content', 'content', '--out', 'dist', '--jobs', '1', '--quiet'],
        ...['--templates', path.join(repo, 'templates'), '--public', path.join(repo, 'public')],
      ],
      { cwd: root },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await vi.waitFor(() => expect(stderr).toMatch(WAITING), { timeout: 20_000, interval: 50 });
    await unlink(lockFile());
    expect(await exited).toBe(0);
    await expectOneCompleteSite([]);
  });

  it('takes over the lock of a build that was killed', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('close', resolve));
    await holdAs(dead.pid!);
    const run = await build();
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    await expectOneCompleteSite([]);
  });
});
