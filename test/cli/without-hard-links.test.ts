import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repo, runCli } from '../support/cli.js';
import { hashTree } from '../support/file-tree.js';

vi.setConfig({ testTimeout: 120_000 });

/**
 * Unchanged files are hard links to the previous build's, an optimisation only. Where the
 * file system refuses links, they are copied and the site is as complete as anywhere else;
 * before, every unchanged page was silently missing from the new site.
 */
let root: string;

function post(name: string, body: string): Promise<void> {
  return writeFile(
    path.join(root, 'content', 'posts', name),
    `---\ntitle: ${name}\ndate: 2025-05-20\ntags: [代数]\n---\n\n${body}\n`,
  );
}

function build(out: string, env: NodeJS.ProcessEnv = {}) {
  return runCli(
    [
      ...['build', '--content', 'content', '--out', out, '--jobs', '1', '--quiet'],
      ...['--templates', path.join(repo, 'templates'), '--public', path.join(repo, 'public')],
    ],
    root,
    env,
  );
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-links-'));
  await mkdir(path.join(root, 'content', 'posts'), { recursive: true });
  await post('nijishiki.md', '二次方程式 $ax^2+bx+c=0$ の解の公式。');
  await post('insuu.md', '因数分解 $x^2-1=(x-1)(x+1)$ を使う。');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('a file system without hard links', () => {
  for (const code of ['EXDEV', 'EPERM', 'EMLINK']) {
    it(`gets a complete site when every link fails with ${code}`, async () => {
      const refusing = {
        NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'refusing-links.mjs')}`,
        SUGAKU_TEST_LINK_ERROR: code,
      };
      expect((await build('dist', refusing)).code).toBe(0);
      await post('insuu.md', '因数分解 $x^2-4=(x-2)(x+2)$ を使う。');

      const run = await build('dist', refusing);

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      // Compared with a fresh build elsewhere, which keeps nothing.
      expect((await build('fresh')).code).toBe(0);
      const fresh = await hashTree(path.join(root, 'fresh'));
      expect(fresh.has('posts/nijishiki/index.html')).toBe(true);
      const kept = await hashTree(path.join(root, 'dist'));
      expect(kept.has('search-index/meta.json.gz')).toBe(true);
      // An edit goes into the search index's delta layer, so its shards and meta differ from a
      // fresh build's while answering every query the same (test/search/incremental.property).
      expect(withoutIndexLayers(kept)).toEqual(withoutIndexLayers(fresh));
    });
  }
});

/** Every file but the search index's shards, delta and meta; its articles' fragments stay. */
function withoutIndexLayers(tree: Map<string, string>): Map<string, string> {
  return new Map(
    [...tree].filter(([file]) => !/^search-index\/(shard\/|delta-|meta\.)/.test(file)),
  );
}
