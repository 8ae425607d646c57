import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import { isWriteFailure } from '../output/index.js';
import { failedWhile } from './internal-error.js';
import {
  renderArticles,
  renderPages,
  type ArticleTask,
  type PageTask,
  type PageTaskResult,
  type RenderedSummary,
  type Task,
} from './tasks.js';

export interface TaskRunner {
  /** How many threads it may start. */
  readonly threads: number;
  /** How many it has started so far. */
  readonly threadsStarted: number;
  /**
   * `alone`: the caller sends no other task of its step. With no thread started yet, a
   * one-shot build's runner does such a task in this thread: a worker costs about a second
   * of CPU to start and load KaTeX, more than a small blog's whole render.
   */
  articles(task: ArticleTask, alone?: boolean): Promise<RenderedSummary[]>;
  pages(task: PageTask, alone?: boolean): Promise<PageTaskResult>;
  /**
   * A one-shot build whose thread count was left to us: a step with little work sends it
   * as one task, which this thread then does (`IN_THREAD_ARTICLES`).
   */
  readonly smallWorkHere: boolean;
  /**
   * A one-shot build's runner stops its idle threads, which start again if a task comes:
   * once the pages are rendered, their heaps (hundreds of megabytes at 10,000 articles) need
   * not sit under the search index's. A dev server's runner keeps them and their caches.
   */
  release(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Heap of one worker thread, in megabytes. The two threads and the main one should stay
 * under 1.5 GB at 10,000 articles (`npm run bench`, one run each): with a 512 MB old
 * generation the process peaked at 1,468–1,529 MB, with 384 MB at 1,446–1,519 MB. 256 MB
 * brought it to 1,402 MB but slowed the dev server's re-render of every page after a
 * template edit from about 1.5 to 1.9 s, against a target of 2 s. A worker's live data
 * (its formula cache, KaTeX, Shiki) is well under these. KaTeX and Markdown rendering make
 * short-lived objects by the million: a 64 MB young generation saved about 8% of the CPU
 * of a 1,000-article clean build but raised the peak by some 60 MB; 32 MB is the compromise.
 */
const WORKER_HEAP_MB = 384;
const WORKER_YOUNG_MB = 32;

/**
 * Up to `jobs` worker threads (default: one per core), each started when a task finds the
 * others busy; or the work done in this thread when `jobs` is 1 or when running from
 * TypeScript sources (tests), where workers cannot load the compiled module.
 *
 * Tasks go to whichever thread is free, except that an article rendered before goes back
 * to the thread that rendered it: that thread's formula cache holds its formulas, so the
 * dev server's rebuild after an edit of its text renders only the formulas that changed.
 */
export function createTaskRunner(
  /** Left out: one per core. */
  chosenJobs?: number,
  /** The module the threads run; another one only in the pool's own tests. */
  workerFile?: URL,
  /**
   * The runner serves one build: a task sent alone is done in this thread while no thread
   * has started, and `release` stops idle threads. A dev server keeps its main thread for
   * the watcher's messages and the browser's requests, and its threads for the next save.
   */
  { oneBuild = false } = {},
): TaskRunner {
  const jobs = chosenJobs ?? availableParallelism();
  if (jobs <= 1 || (!workerFile && import.meta.url.endsWith('.ts'))) {
    return {
      threads: 1,
      threadsStarted: 0,
      smallWorkHere: false,
      articles: renderArticles,
      pages: renderPages,
      release: async () => {},
      close: async () => {},
    };
  }
  // One pool of one thread each, so that a task can be sent to the thread of our choosing.
  const newPool = () =>
    new Tinypool({
      filename: (workerFile ?? new URL('./worker.js', import.meta.url)).href,
      minThreads: 1,
      maxThreads: 1,
      // V8 lets an idle-looking heap grow to gigabytes before it collects.
      resourceLimits: {
        maxOldGenerationSizeMb: WORKER_HEAP_MB,
        maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
      },
    });
  const threads: (Tinypool | undefined)[] = Array.from({ length: jobs }, () => undefined);
  const running = threads.map(() => 0);
  const started = () => threads.some((pool) => pool !== undefined);
  // Tinypool settles a task whose thread throws or runs out of memory, but not one whose
  // thread exits (`process.exit` in a dependency, a kill): it would wait forever, and with
  // nothing else to wait for, Node would end the build silently with exit code 13. Such a
  // pool is replaced, so that a long-lived builder (the dev server) can build again.
  let closing = false;
  const stoppers = threads.map(() => new Set<(error: Error) => void>());
  const watched = new WeakSet<object>();
  const watchExit = (thread: number) => {
    const pool = threads[thread]!;
    for (const worker of pool.threads) {
      if (watched.has(worker)) continue;
      watched.add(worker);
      worker.on('exit', (code: number) => {
        if (closing || threads[thread] !== pool || !pool.threads.includes(worker)) return;
        threads[thread] = newPool();
        void pool.destroy().catch(() => {});
        const stopped = new Error(`the worker thread stopped unexpectedly (exit code ${code})`);
        for (const stop of [...stoppers[thread]!]) stop(stopped);
      });
    }
  };
  const waiting: { thread?: number; start(thread: number): void }[] = [];
  const renderedBy = new Map<string, number>();

  // A free thread that is running already, else one not started yet.
  const freeThread = () => {
    const idle = running.findIndex((count, index) => count === 0 && threads[index]);
    return idle !== -1 ? idle : threads.findIndex((pool) => pool === undefined);
  };
  const dispatch = () => {
    for (let index = 0; index < waiting.length; index++) {
      const { thread: wanted, start } = waiting[index]!;
      const thread = wanted ?? freeThread();
      if (thread === -1 || running[thread] !== 0) continue;
      waiting.splice(index--, 1);
      threads[thread] ??= newPool();
      start(thread);
    }
  };
  /** Whether a task sent alone is done in this thread: nothing started, nothing else asked. */
  const here = (alone: boolean) => oneBuild && alone && !started() && waiting.length === 0;

  const run = <R>(task: Task, thread?: number): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      waiting.push({
        ...(thread === undefined ? {} : { thread }),
        start(chosen) {
          running[chosen]! += 1;
          let settled = false;
          const settle = () => {
            if (settled) return false;
            settled = true;
            stoppers[chosen]!.delete(stop);
            running[chosen]! -= 1;
            // After the current microtasks: the caller sees the result before the next task starts.
            queueMicrotask(dispatch);
            return true;
          };
          const stop = (error: unknown) => {
            if (settle()) reject(inWorker(task, error));
          };
          stoppers[chosen]!.add(stop);
          watchExit(chosen);
          (threads[chosen]!.run(task) as Promise<R>).then((result) => {
            if (!settle()) return;
            if (task.kind === 'articles') {
              for (const { article } of task.jobs) renderedBy.set(article.sourcePath, chosen);
            }
            resolve(result);
          }, stop);
        },
      });
      dispatch();
    });

  return {
    threads: jobs,
    smallWorkHere: oneBuild && chosenJobs === undefined,
    get threadsStarted() {
      return threads.filter((pool) => pool !== undefined).length;
    },
    articles: (task, alone = false) => {
      if (here(alone)) return renderArticles(task);
      const known = new Set(task.jobs.map(({ article }) => renderedBy.get(article.sourcePath)));
      const [thread] = known;
      return run(task, known.size === 1 ? thread : undefined);
    },
    pages: (task, alone = false) => (here(alone) ? renderPages(task) : run(task)),
    release: async () => {
      if (!oneBuild) return;
      const idle = threads.flatMap((pool, index) => {
        if (!pool || running[index] !== 0) return [];
        threads[index] = undefined;
        return [pool];
      });
      await Promise.all(idle.map((pool) => pool.destroy()));
    },
    close: async () => {
      closing = true;
      await Promise.all(threads.map((thread) => thread?.destroy()));
    },
  };
}

/**
 * A task's own failures come back named (`failedWhile` in the thread); a thread that ran out
 * of memory or stopped gets the name of what it was doing here.
 */
function inWorker(task: Task, error: unknown): unknown {
  if (error instanceof Error && error.message.startsWith('while ')) return error;
  if (isWriteFailure(error)) return error;
  const first = task.kind === 'articles' ? task.jobs[0]?.article.sourcePath : task.jobs[0]?.path;
  const more = task.jobs.length > 1 ? ` and ${task.jobs.length - 1} more` : '';
  const doing = task.kind === 'articles' ? 'rendering' : 'rendering the page';
  return failedWhile(`while ${doing} ${first ?? '(nothing)'}${more} in a worker thread`, error);
}
