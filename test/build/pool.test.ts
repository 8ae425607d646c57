import { afterEach, describe, expect, it } from 'vitest';
import { createTaskRunner, type TaskRunner } from '../../src/pipeline/pool.js';
import type { ArticleTask, PageTask } from '../../src/pipeline/tasks.js';
import { rendered } from '../site/fixtures.js';
import type { Article } from '../../src/model/index.js';

const WORKER = new URL('./fixtures/thread-worker.mjs', import.meta.url);
let runner: TaskRunner | undefined;
afterEach(async () => {
  await runner?.close();
});

function articleTask(...paths: string[]): ArticleTask {
  return {
    kind: 'articles',
    markdown: { macros: {} },
    jobs: paths.map((sourcePath) => ({ key: sourcePath, article: { sourcePath } as Article })),
  };
}

const pageTask = { kind: 'pages', jobs: [] } as unknown as PageTask;

async function threadOf(task: ArticleTask): Promise<number[]> {
  const results = await runner!.articles(task);
  return results.map((result) => (result.summary as unknown as { thread: number }).thread);
}

describe('the worker pool', () => {
  it('sends an article back to the thread that rendered it, where its formulas are cached', async () => {
    runner = createTaskRunner(2, WORKER);
    const paths = Array.from({ length: 12 }, (_, i) => `content/posts/記事${i}.md`);
    const first = await Promise.all(
      [0, 4, 8].map((start) => threadOf(articleTask(...paths.slice(start, start + 4)))),
    );
    const renderedBy = new Map(paths.map((file, index) => [file, first.flat()[index]]));
    expect(new Set(renderedBy.values()).size).toBe(2);
    for (let round = 0; round < 3; round++) {
      for (const file of paths) {
        expect(await threadOf(articleTask(file)), file).toEqual([renderedBy.get(file)]);
      }
    }
  });

  it('starts a second thread only when a task finds the first one busy', async () => {
    runner = createTaskRunner(2, WORKER);
    await threadOf(articleTask('content/posts/一つ目.md'));
    await threadOf(articleTask('content/posts/二つ目.md'));
    expect(runner.threadsStarted).toBe(1);
    await Promise.all([runner.pages(pageTask), runner.pages(pageTask)]);
    expect(runner.threadsStarted).toBe(2);
  });

  it('does a task sent alone in this thread while no thread has started: a small blog starts none', async () => {
    runner = createTaskRunner(2, WORKER, { oneBuild: true });
    const { article } = rendered({ slug: '小さな記事', date: '2025-05-20' });
    const [result] = await runner.articles(
      { kind: 'articles', markdown: { macros: {}, basePath: '/' }, jobs: [{ key: 'k', article }] },
      true,
    );
    // Rendered here by the real renderer, not by the stand-in threads.
    expect(result!.summary.excerptText).toContain('本文');
    expect(runner.threadsStarted).toBe(0);
    // A long-lived runner (the dev server's) sends it to a thread all the same.
    const dev = createTaskRunner(2, WORKER);
    try {
      const [there] = await dev.articles(articleTask('content/posts/小さな記事.md'), true);
      expect(there!.summary).toHaveProperty('thread');
      expect(dev.threadsStarted).toBe(1);
    } finally {
      await dev.close();
    }
    // Once a thread runs, work goes to the threads again.
    await threadOf(articleTask('content/posts/並んだ記事.md'));
    expect(await threadOf(articleTask('content/posts/次の記事.md'))).toHaveLength(1);
    expect(runner.threadsStarted).toBe(1);
  });

  it('stops its idle threads when released after one build’s pages, and starts one again if work comes', async () => {
    runner = createTaskRunner(2, WORKER, { oneBuild: true });
    await Promise.all([runner.pages(pageTask), runner.pages(pageTask)]);
    expect(runner.threadsStarted).toBe(2);
    await runner.release();
    expect(runner.threadsStarted).toBe(0);
    expect(await threadOf(articleTask('content/posts/あとから.md'))).toHaveLength(1);
    expect(runner.threadsStarted).toBe(1);
  });

  it('keeps its threads, and their formula caches, when it serves a dev server', async () => {
    runner = createTaskRunner(2, WORKER);
    await Promise.all([runner.pages(pageTask), runner.pages(pageTask)]);
    await runner.release();
    expect(runner.threadsStarted).toBe(2);
  });

  it('gives other work to whichever thread is free', async () => {
    runner = createTaskRunner(2, WORKER);
    const [busy] = await threadOf(articleTask('content/posts/長い記事.md'));
    // Two page tasks at once run on both threads, one of them the article's.
    const pages = await Promise.all([runner.pages(pageTask), runner.pages(pageTask)]);
    const threads = pages.map((result) => Number(result.missing[0]));
    expect(new Set(threads).size).toBe(2);
    expect(threads).toContain(busy);
  });
});

describe('a worker thread that stops in the middle of a task', () => {
  it('fails the task with what it was doing, instead of leaving it waiting forever', async () => {
    runner = createTaskRunner(2, WORKER);
    await expect(
      runner.articles(articleTask('content/posts/ここで止まる.md', 'content/posts/次.md')),
    ).rejects.toThrow(
      'while rendering content/posts/ここで止まる.md and 1 more in a worker thread: ' +
        'Error: the worker thread stopped unexpectedly (exit code 9)',
    );
  });

  it('is replaced, so that the same runner (the dev server) builds again', async () => {
    runner = createTaskRunner(2, WORKER);
    await expect(runner.articles(articleTask('content/posts/ここで止まる.md'))).rejects.toThrow();
    // Both threads take work again, the one that replaced the stopped thread included.
    const pages = await Promise.all([runner.pages(pageTask), runner.pages(pageTask)]);
    expect(new Set(pages.map((result) => result.missing[0])).size).toBe(2);
    expect(await threadOf(articleTask('content/posts/次の記事.md'))).toHaveLength(1);
  });
});
