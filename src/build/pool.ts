import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import {
  renderArticles,
  renderPages,
  type ArticleTask,
  type PageTask,
  type PageTaskResult,
  type RenderedSummary,
} from './tasks.js';

export interface TaskRunner {
  readonly threads: number;
  articles(task: ArticleTask): Promise<RenderedSummary[]>;
  pages(task: PageTask): Promise<PageTaskResult>;
  close(): Promise<void>;
}

/** Old-generation heap of one worker thread, in megabytes. */
const WORKER_HEAP_MB = 512;

/**
 * `jobs` worker threads (default: one per core), or the work done in this thread when
 * `jobs` is 1 or when running from TypeScript sources (tests), where workers cannot
 * load the compiled module.
 */
export function createTaskRunner(jobs = availableParallelism()): TaskRunner {
  const workerFile = new URL('./worker.js', import.meta.url);
  if (jobs <= 1 || import.meta.url.endsWith('.ts')) {
    return { threads: 1, articles: renderArticles, pages: renderPages, close: async () => {} };
  }
  const pool = new Tinypool({
    filename: workerFile.href,
    minThreads: jobs,
    maxThreads: jobs,
    // V8 lets an idle-looking heap grow to gigabytes before it collects; a worker's live
    // data (its formula cache, KaTeX, Shiki) is a small part of this bound.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return {
    threads: jobs,
    articles: (task) => pool.run(task) as Promise<RenderedSummary[]>,
    pages: (task) => pool.run(task) as Promise<PageTaskResult>,
    close: () => pool.destroy(),
  };
}
