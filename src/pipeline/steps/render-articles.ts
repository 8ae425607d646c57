import { applyEquationLinks, type ReferenceResolutions } from '../../markdown/index.js';
import type { SearchEntry } from '../../search/index.js';
import { chunks, inParallel } from '../../util/index.js';
import type { BuildRun } from '../run-context.js';
import type { KeyedArticle } from './read-sources.js';
import type { Article, RenderedArticle } from '../../model/index.js';

/** How many articles go to a worker at once: enough to amortise the message, few enough to balance. */
const ARTICLES_PER_TASK = 16;
/** Tasks per thread at least, when there are few articles: the threads finish together. */
const TASKS_PER_THREAD = 4;
/**
 * Up to this many articles, a one-shot build with the default thread count renders them in
 * its own thread: on 2 cores, starting workers (each loads our modules and warms KaTeX up)
 * cost more than they gave. Clean builds, `--jobs 1` against two workers, in turn: 50
 * articles of 5,200 formulas 3.62 against 4.21 s (medians of 3), 200 articles 6.40
 * against 6.96 s, 400 even; at 1,000 two workers are 11% faster.
 */
export const IN_THREAD_ARTICLES = 300;

export interface RenderedArticles {
  /** As the site stage takes them: summaries, bodies left out. */
  articles: RenderedArticle[];
  /** The key of each article's render, by which its body is found later. */
  keys: Map<Article, string>;
}

/**
 * Render articles (markdown and math): summaries from memory, then from the disk
 * cache; the rest rendered by the workers, in the given order.
 */
export async function renderArticles(
  run: BuildRun,
  keyed: KeyedArticle[],
): Promise<RenderedArticles> {
  const { memory } = run;
  const missing: KeyedArticle[] = [];
  const cached = await inParallel(keyed, async (job) =>
    memory.summaries.has(job.key) ? undefined : run.cache?.readSummary(job.key),
  );
  keyed.forEach((job, index) => {
    const summary = cached[index];
    if (summary) memory.summaries.set(job.key, summary);
    if (!memory.summaries.has(job.key)) missing.push(job);
  });
  let finished = 0;
  const report = () =>
    run.options.onProgress?.({ phase: 'articles', done: finished, total: missing.length });
  const tasks = chunks(missing, articlesPerTask(run, missing.length));
  await Promise.all(
    tasks.map(async (jobs) => {
      const results = await run.runner.articles(
        { kind: 'articles', markdown: run.markdown, cacheDir: run.cacheDir, jobs },
        tasks.length === 1,
      );
      for (const { key, summary, html, search } of results) {
        memory.summaries.set(key, summary);
        if (html !== undefined && search !== undefined) memory.bodies.set(key, { html, search });
      }
      finished += jobs.length;
      report();
    }),
  );
  run.stats.articlesRendered = missing.length;
  return summarized(run, keyed);
}

/**
 * A small site in one task, which a one-shot build does in its own thread; up to one task's
 * worth, one task likewise. Above, smaller tasks, so that the threads finish together: 50
 * articles in tasks of 16 gave one thread 32 and the other 18.
 */
function articlesPerTask(run: BuildRun, count: number): number {
  if (run.runner.smallWorkHere && count <= IN_THREAD_ARTICLES) return Math.max(1, count);
  if (count <= ARTICLES_PER_TASK) return ARTICLES_PER_TASK;
  return Math.min(ARTICLES_PER_TASK, Math.ceil(count / (run.runner.threads * TASKS_PER_THREAD)));
}

/** The rendered articles as the site stage takes them: summaries, bodies left out. */
function summarized(run: BuildRun, keyed: KeyedArticle[]): RenderedArticles {
  const keys = new Map<Article, string>();
  const articles: RenderedArticle[] = keyed.map(({ article, key }) => {
    const summary = run.memory.summaries.get(key)!;
    keys.set(article, key);
    run.stats.formulas += summary.formulaCount;
    run.diagnostics.push(...summary.diagnostics);
    // The same object as long as neither changes: later stages remember work by it.
    const known = run.memory.rendered.get(summary);
    if (known?.article === article) return known;
    // The body stays on disk (or in `bodies`) until its page is rendered.
    const rendered: RenderedArticle = { ...summary, article, html: '' };
    run.memory.rendered.set(summary, rendered);
    return rendered;
  });
  return { articles, keys };
}

/** An article's final body HTML, for the feed. */
export async function articleBody(
  run: BuildRun,
  key: string,
  links: ReferenceResolutions,
): Promise<string> {
  let html = run.memory.bodies.get(key)?.html ?? (await run.cache?.readHtml(key));
  if (html === undefined) {
    await renderBodiesAgain(run, [key]);
    html = run.memory.bodies.get(key)!.html;
  }
  return applyEquationLinks(html, links);
}

/** What the search index takes of an article's body (links to other parts change no word of it). */
export async function articleSearch(run: BuildRun, key: string): Promise<SearchEntry> {
  let search = run.memory.bodies.get(key)?.search ?? run.cache?.readSearchSync(key);
  if (search === undefined) {
    await renderBodiesAgain(run, [key]);
    search = run.memory.bodies.get(key)!.search;
  }
  return search;
}

/** Bodies whose cache entry went missing or was damaged: render them again and repair the cache. */
export async function renderBodiesAgain(run: BuildRun, keys: string[]): Promise<void> {
  const jobs = [...new Set(keys)].map((key) => {
    const images = run.imagesByKey.get(key);
    return { key, article: run.articleByKey.get(key)!, ...(images ? { images } : {}) };
  });
  const results = await run.runner.articles({ kind: 'articles', markdown: run.markdown, jobs });
  for (const { key, summary, html, search } of results) {
    run.memory.bodies.set(key, { html: html!, search: search! });
    await run.cache?.write(key, summary, html!, search!);
  }
}
