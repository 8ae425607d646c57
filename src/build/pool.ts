import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
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
  readonly threads: number;
  articles(task: ArticleTask): Promise<RenderedSummary[]>;
  pages(task: PageTask): Promise<PageTaskResult>;
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
 * `jobs` worker threads (default: one per core), or the work done in this thread when
 * `jobs` is 1 or when running from TypeScript sources (tests), where workers cannot
 * load the compiled module.
 *
 * Tasks go to whichever thread is free, except that an article rendered before goes back
 * to the thread that rendered it: that thread's formula cache holds its formulas, so the
 * dev server's rebuild after an edit of its text renders only the formulas that changed.
 */
export function createTaskRunner(
  jobs = availableParallelism(),
  /** The module the threads run; another one only in the pool's own tests. */
  workerFile?: URL,
): TaskRunner {
  if (jobs <= 1 || (!workerFile && import.meta.url.endsWith('.ts'))) {
    return { threads: 1, articles: renderArticles, pages: renderPages, close: async () => {} };
  }
  // One pool of one thread each, so that a task can be sent to the thread of our choosing.
  const threads = Array.from(
    { length: jobs },
    () =>
      new Tinypool({
        filename: (workerFile ?? new URL('./worker.js', import.meta.url)).href,
        minThreads: 1,
        maxThreads: 1,
        // V8 lets an idle-looking heap grow to gigabytes before it collects.
        resourceLimits: {
          maxOldGenerationSizeMb: WORKER_HEAP_MB,
          maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
        },
      }),
  );
  const running = threads.map(() => 0);
  const waiting: { thread?: number; start(thread: number): void }[] = [];
  const renderedBy = new Map<string, number>();

  const dispatch = () => {
    for (let index = 0; index < waiting.length; index++) {
      const { thread: wanted, start } = waiting[index]!;
      const thread = wanted ?? running.findIndex((count) => count === 0);
      if (thread === -1 || running[thread] !== 0) continue;
      waiting.splice(index--, 1);
      start(thread);
    }
  };

  const run = <R>(task: Task, thread?: number): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      waiting.push({
        ...(thread === undefined ? {} : { thread }),
        start(chosen) {
          running[chosen]! += 1;
          (threads[chosen]!.run(task) as Promise<R>)
            .then((result) => {
              if (task.kind === 'articles') {
                for (const { article } of task.jobs) renderedBy.set(article.sourcePath, chosen);
              }
              resolve(result);
            }, reject)
            .finally(() => {
              running[chosen]! -= 1;
              dispatch();
            });
        },
      });
      dispatch();
    });

  return {
    threads: jobs,
    articles: (task) => {
      const known = new Set(task.jobs.map(({ article }) => renderedBy.get(article.sourcePath)));
      const [thread] = known;
      return run(task, known.size === 1 ? thread : undefined);
    },
    pages: (task) => run(task),
    close: async () => {
      await Promise.all(threads.map((thread) => thread.destroy()));
    },
  };
}
