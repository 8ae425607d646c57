import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repo, runCli } from '../support/cli.js';
import { hashTree } from '../support/file-tree.js';

vi.setConfig({ testTimeout: 120_000 });

let root: string;

/** Worker threads a `sugaku build` started, counted by a preloaded module, and its output. */
async function build(out: string, ...extra: string[]) {
  const counted = path.join(root, `${out}.threads`);
  await writeFile(counted, '');
  const run = await runCli(
    [
      ...['build', '--content', 'content', '--out', out, '--no-cache', '--quiet', ...extra],
      ...['--templates', path.join(repo, 'templates'), '--public', path.join(repo, 'public')],
    ],
    root,
    {
      NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'counting-threads.mjs')}`,
      SUGAKU_TEST_THREADS_FILE: counted,
    },
  );
  const threads = (await readFile(counted, 'utf8')).split('\n').filter(Boolean).length;
  return { code: run.code, threads, files: await hashTree(path.join(root, out)) };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-threads-'));
  await mkdir(path.join(root, 'content', 'posts'), { recursive: true });
  // Forty articles: more than one task's worth (sixteen), so a build that uses threads does.
  for (let day = 1; day <= 40; day++) {
    await writeFile(
      path.join(root, 'content', 'posts', `memo${day}.md`),
      `---\ntitle: ${day} 日目のメモ\ndate: 2025-01-${String((day % 28) + 1).padStart(2, '0')}\n---\n\n` +
        `関数 $f_{${day}}(x) = x^{${day}}$ を微分すると $${day} x^{${day - 1}}$ になる。\n`,
    );
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('worker threads for a small blog', () => {
  it('builds a small blog in its own thread unless --jobs asks for threads, with the same bytes', async () => {
    const own = await build('dist-own');
    const threaded = await build('dist-threads', '--jobs', '2');
    expect(own.code).toBe(0);
    expect(threaded.code).toBe(0);
    // Starting a worker (our modules, KaTeX warmed up) costs more than such a site's render.
    expect(own.threads).toBe(0);
    expect(threaded.threads).toBeGreaterThan(0);
    expect(own.files).toEqual(threaded.files);
  });
});
