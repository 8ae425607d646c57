import { EventEmitter } from 'node:events';
import { statSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchInputs, type InputWatcher, type WatchBatch } from '../../src/dev/watcher.js';
import { until } from '../support/dev-process.js';

/** A chokidar that is ready at once and never reports anything: a watcher gone deaf. */
const deaf = (() => {
  const watcher = new EventEmitter() as unknown as FSWatcher;
  Object.assign(watcher, { close: async () => {} });
  setTimeout(() => watcher.emit('ready'), 0);
  return watcher;
}) as unknown as typeof import('chokidar').watch;

describe('the watcher behind a deaf chokidar', () => {
  let root: string;
  let watcher: InputWatcher | undefined;
  afterEach(async () => {
    await watcher?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('finds an unreported change by its consistency check, hands it over to be built in full, and says so once', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sugaku-watch-'));
    await mkdir(path.join(root, 'content/posts'), { recursive: true });
    const article = path.join(root, 'content/posts/kansu.md');
    await writeFile(article, '---\ntitle: 関数の極限\n---\n');
    const batches: WatchBatch[] = [];
    const missed: string[][] = [];
    watcher = await watchInputs(
      { folders: [path.join(root, 'content')], files: [path.join(root, 'sugaku.config.yaml')] },
      {
        debounceMs: 4,
        checkEveryMs: 100,
        onBatch: (batch) => batches.push(batch),
        onMissed: (paths) => missed.push(paths),
        onError: (error) => {
          throw error;
        },
      },
      deaf,
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    await writeFile(article, '---\ntitle: 関数の極限\n---\n\n書き換えた。\n');
    await until(() => batches.length > 0, 'a batch');
    expect(missed).toEqual([[article]]);
    expect(batches[0]!.paths).toContain(article);
    expect(batches[0]!.lostTrack).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(missed).toHaveLength(1);
  });
});

describe('the watcher behind a chokidar that reports at once', () => {
  let root: string;
  let watcher: InputWatcher | undefined;
  afterEach(async () => {
    await watcher?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('never takes a change reported within the millisecond it was made for a missed one', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sugaku-watch-'));
    await mkdir(path.join(root, 'content/posts'), { recursive: true });
    const article = path.join(root, 'content/posts/kaisu.md');
    await writeFile(article, '---\ntitle: 階乗の数え方\n---\n');
    const chokidar = new EventEmitter() as unknown as FSWatcher;
    Object.assign(chokidar, { close: async () => {} });
    const prompt = (() => {
      setTimeout(() => chokidar.emit('ready'), 0);
      return chokidar;
    }) as unknown as typeof import('chokidar').watch;
    const batches: WatchBatch[] = [];
    const missed: string[][] = [];
    watcher = await watchInputs(
      { folders: [path.join(root, 'content')], files: [] },
      {
        debounceMs: 4,
        checkEveryMs: 20,
        onBatch: (batch) => batches.push(batch),
        onMissed: (paths) => missed.push(paths),
        onError: (error) => {
          throw error;
        },
      },
      prompt,
    );
    // Linux 6.13 and later stamp a change with the exact time (`ctime` 1765150000123.46),
    // while Date.now() counts whole milliseconds: an event handled in the millisecond of the
    // write (1765150000123) must not read as earlier than the change.
    for (let round = 0; round < 5; round++) {
      writeFileSync(article, `---\ntitle: 階乗の数え方\n---\n\n${round} 回目の書き直し。\n`);
      const sameMillisecond = Math.floor(statSync(article).ctimeMs);
      const clock = vi.spyOn(Date, 'now').mockReturnValue(sameMillisecond);
      chokidar.emit('all', 'change', article);
      clock.mockRestore();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(batches.length).toBeGreaterThan(0);
    expect(missed).toEqual([]);
  });
});
