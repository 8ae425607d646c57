import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashTree } from '../support/file-tree.js';
import { searchFiles } from '../search/support.js';
import { serveFolder } from '../support/static-server.js';
import { exampleSiteArgs, startBuild, writeLargeSite, type BuildRun } from './run-build.js';

// Each kill may be followed by a full build to restore the previous site.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });

/**
 * A build killed with SIGKILL at any moment leaves the previous `dist/` complete and
 * servable, and the next build finishes the job. The site is the example site four
 * times over (32 articles, ~2,500 formulas), so a build lasts long enough to be killed
 * while reading, rendering, writing or swapping.
 *
 * `output/` writes a staging folder and swaps it in with two renames
 * (`dist` → `dist.previous`, staging → `dist`). Between the renames there is no `dist/`:
 * a kill there leaves the site in `dist.previous/` until the next build moves it back.
 * The kills below log where each landed; the last test creates that state on purpose.
 */
const COPIES = 4;
interface Kill {
  label: string;
  /** Waits for the moment to kill; returns how long after the start that was, in ms. */
  wait(build: BuildRun, leftovers: ReadonlySet<string>): Promise<number>;
}
const after = (fraction: number): Kill => ({
  label: `at ${Math.round(fraction * 100)}% of a full build's time`,
  async wait() {
    const delay = Math.round(fraction * fullBuildSeconds * 1000);
    await sleep(delay);
    return delay;
  },
});
const whileWriting = (ms: number): Kill => ({
  label: `${ms} ms after the staging folder appeared`,
  async wait(build, leftovers) {
    const started = performance.now();
    await writingStarted(build, leftovers);
    await sleep(ms);
    return Math.round(performance.now() - started);
  },
});
const atTheSwap: Kill = {
  label: 'as soon as the staging folder is renamed to dist',
  async wait(build, leftovers) {
    const started = performance.now();
    await writingStarted(build, leftovers);
    const prefix = `${path.basename(out)}.staging-`;
    const staging = (await readdir(root)).filter((e) => e.startsWith(prefix) && !leftovers.has(e));
    let ended = false;
    void build.done.then(() => (ended = true));
    while (!ended && staging.every((folder) => existsSync(path.join(root, folder)))) await sleep(1);
    return Math.round(performance.now() - started);
  },
};
/**
 * Random moments from a fixed seed, so a failure can be replayed: two while reading and
 * rendering (a fraction of a full build's time), three while writing, one at the swap.
 */
const SEED = 0x5eed_0007;
const random = mulberry32(SEED);
const KILLS: Kill[] = [
  after(0.1 + 0.3 * random()),
  after(0.4 + 0.5 * random()),
  whileWriting(0),
  whileWriting(Math.round(100 * random())),
  whileWriting(Math.round(100 + 300 * random())),
  atTheSwap,
];

/** A small seeded generator (public domain), so the kill times are the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let root: string;
let out: string;
/** The output of a complete build of edition A, and of edition B, file → hash. */
let editionA: Map<string, string>;
let editionB: Map<string, string>;
let fullBuildSeconds: number;

const args = () => exampleSiteArgs(out, path.join(root, 'cache'), path.join(root, 'content'));

async function writeEdition(edition: 'A' | 'B'): Promise<void> {
  await rm(path.join(root, 'content'), { recursive: true, force: true });
  await writeLargeSite(path.join(root, 'content'), COPIES, `第 ${edition} 版の追記`);
}

async function buildToEnd(): Promise<number> {
  const started = performance.now();
  const run = await startBuild(root, args()).done;
  expect(run.stderr).not.toMatch(/ error\[/);
  expect(run.code).toBe(0);
  return (performance.now() - started) / 1000;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-killed-'));
  out = path.join(root, 'dist');
  // Edition B, built alone into its own folder: what a completed build of B must equal.
  await writeEdition('B');
  const referenceRun = await startBuild(
    root,
    exampleSiteArgs(
      path.join(root, 'reference'),
      path.join(root, 'reference-cache'),
      path.join(root, 'content'),
    ),
  ).done;
  expect(referenceRun.code).toBe(0);
  editionB = await siteTree(path.join(root, 'reference'));
  await rm(path.join(root, 'reference'), { recursive: true, force: true });
  // Edition A into dist/ with the shared cache: the previous build every kill must leave alone.
  await writeEdition('A');
  fullBuildSeconds = await buildToEnd();
  editionA = await siteTree(out);
  expect(editionA.size).toBeGreaterThan(60);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** `dist` and its siblings (`dist.previous`, `dist.staging-…`) as they are on disk. */
async function outputFolders(): Promise<string[]> {
  const name = path.basename(out);
  return (await readdir(root))
    .filter((entry) => entry === name || entry.startsWith(`${name}.`))
    .sort();
}

describe('a build killed with SIGKILL', () => {
  const observed: string[] = [];

  it.each(KILLS)('leaves the previous site complete and servable: $label', async (kill) => {
    await writeEdition('B');
    const leftovers = new Set(await outputFolders());
    const build = startBuild(root, args());
    const delay = await kill.wait(build, leftovers);
    build.child.kill('SIGKILL');
    const ended = await build.done;

    // Right after the kill, before any other build has had a chance to tidy up.
    const folders = await outputFolders();
    const site = existsSync(out) ? await siteTree(out) : undefined;
    const state =
      ended.code === 0
        ? 'finished before the kill'
        : site === undefined
          ? 'killed between the renames: no dist/'
          : sameTree(site, editionA)
            ? 'killed: previous site intact'
            : sameTree(site, editionB)
              ? 'killed after the swap: new site complete'
              : 'killed: dist/ is neither the previous nor the new site';
    observed.push(`${kill.label}, ${delay} ms: ${state} [${folders.join(', ')}]`);

    if (site === undefined) {
      // The window between the renames: the whole previous site waits in dist.previous/.
      const previous = await siteTree(`${out}.previous`);
      expect(sameTree(previous, editionA) || sameTree(previous, editionB), state).toBe(true);
    } else {
      expect(sameTree(site, editionA) || sameTree(site, editionB), state).toBe(true);
      await expectServable(out);
    }
    // Put edition A back (from the cache, quickly) for the next kill to keep.
    if (site === undefined || !sameTree(site, editionA)) {
      await writeEdition('A');
      await buildToEnd();
    }
  });

  it('is finished by the next build, cache and all: the new site, byte for byte, and no leftovers', async () => {
    // Where each kill landed, for the log.
    console.info(
      `killed builds (a full build took ${fullBuildSeconds.toFixed(1)} s):\n  ${observed.join('\n  ')}`,
    );
    await writeEdition('B');
    await buildToEnd();
    expect(sameTree(await siteTree(out), editionB)).toBe(true);
    expect(await outputFolders()).toEqual([path.basename(out)]);
  });
});

describe('a build killed between the two renames', () => {
  it('has left the whole previous site in dist.previous/, which the next build puts back and replaces', async () => {
    // What a kill between `rename(dist, dist.previous)` and `rename(staging, dist)` leaves.
    await rename(out, `${out}.previous`);
    await mkdir(`${out}.staging-deadbeef/posts`, { recursive: true });
    await writeFile(`${out}.staging-deadbeef/posts/half.html`, '<p>half');
    expect(existsSync(out)).toBe(false);
    expect(sameTree(await siteTree(`${out}.previous`), editionB)).toBe(true);

    await writeEdition('A');
    await buildToEnd();
    expect(sameTree(await siteTree(out), editionA)).toBe(true);
    expect(await outputFolders()).toEqual([path.basename(out)]);
  });
});

async function expectServable(folder: string): Promise<void> {
  const server = await serveFolder(folder);
  try {
    for (const url of ['/', '/posts/bayes-theorem-0/', '/assets/katex/katex.min.css']) {
      const response = await fetch(`${server.origin}${url}`);
      expect(response.status, url).toBe(200);
      await response.arrayBuffer();
    }
  } finally {
    await server.close();
  }
}

/**
 * Every file's hash, but the search index by its answers: its bytes depend on the builds
 * before (ids stay, changes wait in a delta layer), what it finds does not
 * (test/search/incremental.property.test.ts). A torn index would answer otherwise, or not.
 */
async function siteTree(folder: string): Promise<Map<string, string>> {
  const tree = await hashTree(folder);
  for (const file of tree.keys()) if (file.startsWith('search-index/')) tree.delete(file);
  if (!existsSync(path.join(folder, 'search-index'))) return tree;
  const search = searchFiles(new Map(), undefined, (file) =>
    readFile(path.join(folder, 'search-index', file)),
  );
  for (const query of ['指数関数', 'ベイズの定理', '\\log_a', '版の追記', '行列 固有値']) {
    tree.set(`search-index: ${query}`, JSON.stringify(await search(query)));
  }
  return tree;
}

function sameTree(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([file, hash]) => b.get(file) === hash);
}

/**
 * Resolves once the build has made its staging folder beside `dist` (it is writing), or
 * ended. Folders left by earlier killed builds don't count: the build removes them first.
 */
async function writingStarted(build: BuildRun, leftovers: ReadonlySet<string>): Promise<void> {
  let ended = false;
  void build.done.then(() => (ended = true));
  const prefix = `${path.basename(out)}.staging-`;
  const isNew = (entry: string) => entry.startsWith(prefix) && !leftovers.has(entry);
  while (!ended && !(await readdir(root)).some(isNew)) await sleep(2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
