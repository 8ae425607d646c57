import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repo, runCli } from '../support/cli.js';
import { hashTree } from '../support/file-tree.js';

/**
 * An exception that no stage turned into a diagnostic is our bug. The author still learns
 * which article set it off, in one line, and keeps the site they had. The fault is
 * injected into markdown-it by a preloaded module (`throwing-markdown.mjs`), in the main
 * thread and in the workers alike.
 */
const THROWING = {
  NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'throwing-markdown.mjs')}`,
};

let root: string;
let content: string;
let out: string;

function post(name: string, body: string): Promise<void> {
  return writeFile(
    path.join(content, 'posts', name),
    `---\ntitle: ${name}\ndate: 2025-05-20\n---\n\n${body}\n`,
  );
}

function build(jobs: string, ...extra: string[]) {
  return runCli(
    [
      ...['build', '--content', content, '--out', out, '--no-cache', '--jobs', jobs],
      ...['--templates', path.join(repo, 'templates'), '--public', path.join(repo, 'public')],
      ...extra,
    ],
    root,
    THROWING,
  );
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-internal-'));
  content = path.join(root, 'content');
  out = path.join(root, 'dist');
  await mkdir(path.join(content, 'posts'), { recursive: true });
  await post('heikin.md', '相加平均は相乗平均以上である: $\\frac{a+b}{2} \\ge \\sqrt{ab}$。');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('an internal error while rendering one article', () => {
  for (const jobs of ['1', '2']) {
    it(`names the file in one line, exits 70 and keeps the previous site (--jobs ${jobs})`, async () => {
      expect((await build(jobs)).code).toBe(0);
      const before = await hashTree(out);
      await post('ochiru.md', 'この行で落ちる。');

      const run = await build(jobs);

      expect(run.code).toBe(70);
      expect(run.stderr).toMatch(
        /^sugaku: internal error while rendering .*posts\/ochiru\.md: TypeError: Expected a code point, got `undefined`\. \(a bug in sugaku: the previous output was left as it was; run again with --debug for the stack trace\)\n$/,
      );
      expect(await hashTree(out)).toEqual(before);
      expect((await readdir(root)).sort()).toEqual(['content', 'dist']);
    });
  }

  it('prints the stack trace with --debug', async () => {
    await post('ochiru.md', 'この行で落ちる。');
    const run = await build('1', '--debug');
    expect(run.code).toBe(70);
    expect(run.stderr.split('\n')[0]).toContain('while rendering');
    expect(run.stderr).toMatch(/\n\s+at .*throwing-markdown\.mjs/);
  });
});
