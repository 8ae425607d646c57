import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repo } from '../support/cli.js';
import { hashTree } from '../support/file-tree.js';
import { exampleSiteArgs, startBuild } from './run-build.js';

// Four full builds of the example site, on a 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/**
 * Two builds of the same input are byte-identical: nothing of when, where or by which
 * thread a build ran may reach the output. The second build runs 31 years later (a
 * preloaded clock), in another time zone and locale, into another folder, with its own
 * cache; a third reuses the second's cache.
 */
const SHIFTED_CLOCK = path.join(import.meta.dirname, 'shifted-clock.mjs');

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'sugaku-reproducible-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function buildExample(
  name: string,
  options: { env?: NodeJS.ProcessEnv; cache?: string; jobs?: number } = {},
): Promise<Map<string, string>> {
  const out = path.join(scratch, name, 'dist');
  const cache = path.join(scratch, options.cache ?? name, 'cache');
  const jobs = options.jobs === undefined ? [] : ['--jobs', String(options.jobs)];
  const run = await startBuild(repo, [...exampleSiteArgs(out, cache), ...jobs], options.env).done;
  expect(run.stderr).not.toMatch(/ error\[/);
  expect(run.code).toBe(0);
  return hashTree(out);
}

describe('two builds of the same input', () => {
  let first: Map<string, string>;
  beforeAll(async () => {
    first = await buildExample('first', { env: { TZ: 'Asia/Tokyo', LANG: 'ja_JP.UTF-8' } });
  });

  it('give the same files with the same bytes, built 31 years apart in another time zone', async () => {
    const later = await buildExample('later', {
      env: {
        TZ: 'America/Los_Angeles',
        LANG: 'C',
        LC_ALL: 'C',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${SHIFTED_CLOCK}`.trim(),
      },
    });
    expect(first.size).toBeGreaterThan(40);
    expect(differences(first, later)).toEqual([]);
  });

  it('give the same bytes from a warm cache and from one thread as from a cold cache and a pool', async () => {
    await buildExample('warm-up', { jobs: 2 });
    const warm = await buildExample('warm', { cache: 'warm-up', jobs: 2 });
    const oneThread = await buildExample('one-thread', { jobs: 1 });
    expect(differences(first, warm)).toEqual([]);
    expect(differences(first, oneThread)).toEqual([]);
  });
});

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const files = [...new Set([...a.keys(), ...b.keys()])].sort();
  return files.flatMap((file) => {
    if (!a.has(file)) return [`only in the second: ${file}`];
    if (!b.has(file)) return [`only in the first: ${file}`];
    return a.get(file) === b.get(file) ? [] : [`different bytes: ${file}`];
  });
}
