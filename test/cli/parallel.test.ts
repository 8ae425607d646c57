import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo, runCli } from '../support/cli.js';

let root: string;

async function tree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), await readFile(file));
  }
  return files;
}

/**
 * The example site and sixteen more short articles: a step with a single task runs in the
 * main thread while no worker has started, and the articles must reach the threads too.
 */
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-parallel-'));
  await cp(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
  for (let day = 1; day <= 16; day++) {
    await writeFile(
      path.join(root, 'content/posts', `memo-${day}.md`),
      `---\ntitle: 計算メモ ${day}\ndate: 2024-03-${String(day).padStart(2, '0')}\ntags: [メモ]\n---\n\n` +
        `$\\int_0^1 x^{${day}}\\,dx = \\frac{1}{${day + 1}}$ を確かめる。\n`,
    );
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('worker threads', () => {
  it('give the same site, byte for byte, as a build in one thread', async () => {
    const serial = await runCli([
      'build',
      '--content',
      path.join(root, 'content'),
      '--out',
      path.join(root, 'serial'),
      '--jobs',
      '1',
      '--no-cache',
      '--quiet',
    ]);
    const parallel = await runCli([
      'build',
      '--content',
      path.join(root, 'content'),
      '--out',
      path.join(root, 'parallel'),
      '--jobs',
      '2',
      '--no-cache',
      '--quiet',
    ]);
    expect(serial.code).toBe(0);
    expect(parallel.code).toBe(0);
    const one = await tree(path.join(root, 'serial'));
    const two = await tree(path.join(root, 'parallel'));
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
    const different = [...one]
      .filter(([file, bytes]) => !bytes.equals(two.get(file)!))
      .map(([file]) => file);
    expect(different).toEqual([]);
    expect(one.size).toBeGreaterThan(20);
    // Two whole builds in child processes: slow on a loaded two-core machine.
  }, 240_000);

  it('rejects a --jobs that is not a positive whole number', async () => {
    const run = await runCli(['build', '--jobs', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--jobs');
  });
});
