import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { watchInputs, type InputWatcher, type WatchOptions, type WatchTargets } from './watcher.js';

/**
 * `watchInputs` in a thread of its own. chokidar reads a whole folder again on every
 * change inside it (an `lstat` per file: a `posts/` folder of 1,000 articles costs
 * 50–100 ms a save, ten times that at 10,000); on the build's thread that work would
 * delay the rebuild the save asked for. From TypeScript sources (tests), where a thread
 * cannot load this module, it watches in this thread.
 */
export async function watchInputsInThread(
  targets: WatchTargets,
  options: WatchOptions,
): Promise<InputWatcher> {
  if (import.meta.url.endsWith('.ts')) return watchInputs(targets, options);
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { targets, debounceMs: options.debounceMs } satisfies ThreadData,
  });
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage) => {
      if (message.kind === 'ready') resolve();
      else if (message.kind === 'batch') options.onBatch(message.paths);
      else options.onError(new Error(message.message));
    });
    worker.once('error', reject);
  });
  worker.on('error', options.onError);
  return {
    async close() {
      await worker.terminate();
    },
  };
}

interface ThreadData {
  targets: WatchTargets;
  debounceMs: number;
}

type ThreadMessage =
  { kind: 'ready' } | { kind: 'batch'; paths: string[] } | { kind: 'error'; message: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { targets, debounceMs } = workerData as ThreadData;
  const post = (message: ThreadMessage) => port.postMessage(message);
  await watchInputs(targets, {
    debounceMs,
    onBatch: (paths) => post({ kind: 'batch', paths }),
    onError: (error) =>
      post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  });
  post({ kind: 'ready' });
}
