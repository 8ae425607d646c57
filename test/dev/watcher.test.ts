import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { afterEach, describe, expect, it } from 'vitest';
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
