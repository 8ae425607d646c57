import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  watchInputs,
  type InputWatcher,
  type WatchBatch,
  type WatchOptions,
  type WatchTargets,
} from './watcher.js';

/**
 * `watchInputs` in a thread of its own. chokidar reads a whole folder again on every
 * change inside it (an `lstat` per file: a `posts/` folder of 1,000 articles costs
 * 50–100 ms a save, ten times that at 10,000), and the consistency check walks every input;
 * on the build's thread that work would delay the rebuild the save asked for. From
 * TypeScript sources (tests), where a thread cannot load this module, it watches in this thread.
 */
export async function watchInputsInThread(
  targets: WatchTargets,
  options: WatchOptions,
): Promise<InputWatcher> {
  if (import.meta.url.endsWith('.ts')) return watchInputs(targets, options);
  const worker = new Worker(new URL(import.meta.url), {
    workerData: {
      targets,
      debounceMs: options.debounceMs,
      checkEveryMs: options.checkEveryMs,
    } satisfies ThreadData,
  });
  let restarted: (() => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage) => {
      if (message.kind === 'ready') resolve();
      else if (message.kind === 'batch') options.onBatch(message.batch);
      else if (message.kind === 'missed') options.onMissed(message.paths);
      else if (message.kind === 'restarted') restarted?.();
      else options.onError(new Error(message.message));
    });
    worker.once('error', reject);
  });
  worker.on('error', options.onError);
  return {
    restart() {
      return new Promise<void>((resolve) => {
        restarted = resolve;
        worker.postMessage({ kind: 'restart' } satisfies ParentMessage);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

interface ThreadData {
  targets: WatchTargets;
  debounceMs: number;
  checkEveryMs: number | undefined;
}

type ThreadMessage =
  | { kind: 'ready' }
  | { kind: 'batch'; batch: WatchBatch }
  | { kind: 'missed'; paths: string[] }
  | { kind: 'restarted' }
  | { kind: 'error'; message: string };

type ParentMessage = { kind: 'restart' };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { targets, debounceMs, checkEveryMs } = workerData as ThreadData;
  const post = (message: ThreadMessage) => port.postMessage(message);
  const watcher = await watchInputs(targets, {
    debounceMs,
    ...(checkEveryMs !== undefined ? { checkEveryMs } : {}),
    onBatch: (batch) => post({ kind: 'batch', batch }),
    onMissed: (paths) => post({ kind: 'missed', paths }),
    onError: (error) =>
      post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  });
  port.on('message', (message: ParentMessage) => {
    if (message.kind === 'restart') void watcher.restart().then(() => post({ kind: 'restarted' }));
  });
  post({ kind: 'ready' });
}
