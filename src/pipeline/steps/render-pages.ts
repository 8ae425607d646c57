import type { SiteConfig } from '../../config/index.js';
import type { ReferenceResolutions } from '../../markdown/index.js';
import { buildTemplateData, templateDataKeyer } from '../../render/index.js';
import { chunks, inParallel, together } from '../../util/index.js';
import type { OutputSession } from '../destination.js';
import type { OutputKey } from '../output-keys.js';
import type { BuildRun } from '../run-context.js';
import type { PageJob } from '../tasks.js';
import type { PageTemplates } from './load-templates.js';
import { IN_THREAD_ARTICLES, renderBodiesAgain } from './render-articles.js';
import type { Article, PageSpec, Site } from '../../model/index.js';

/** How many pages go to a worker at once: enough to amortise the message, few enough to balance. */
const PAGES_PER_TASK = 32;
/** The pages of a site of `IN_THREAD_ARTICLES` (lists, tags, authors besides the articles). */
const IN_THREAD_PAGES = 2 * IN_THREAD_ARTICLES;

/** A page to output and the key of everything it is made from. */
export interface PagePlan {
  spec: PageSpec;
  path: string;
  key: OutputKey;
  articleKey?: string;
  equationLinks?: ReferenceResolutions;
}

/** Every page of the site with the key it is made from; each article's page noted for the dev server. */
export function planPages(
  run: BuildRun,
  site: Site,
  templatesKey: PageTemplates['templatesKey'],
  articleKeys: Map<Article, string>,
  equationLinks: Map<Article, ReferenceResolutions>,
): PagePlan[] {
  const dataKey = templateDataKeyer(site);
  const plans = site.pages.map((spec): PagePlan => {
    const article = spec.kind === 'article' ? spec.article.rendered.article : undefined;
    const articleKey = article && articleKeys.get(article);
    // Only a body with references left for its series has marks to resolve or strip.
    const marked = spec.kind === 'article' && (spec.article.rendered.references?.length ?? 0) > 0;
    const links = marked ? (equationLinks.get(article!) ?? {}) : undefined;
    const parts = [
      templatesKey(spec.kind),
      ...dataKey(spec),
      articleKey ?? '',
      JSON.stringify(links ?? {}),
    ];
    const key = run.destination.pageKey(parts);
    return { spec, path: spec.path, key, articleKey, equationLinks: links };
  });
  for (const { spec } of plans) {
    if (spec.kind !== 'article') continue;
    const { title, sourcePath, sourceText } = spec.article.rendered.article;
    run.articlePages.push({
      path: spec.path,
      url: spec.url,
      title,
      source: sourcePath,
      sourceText,
    });
  }
  run.stats.pages = plans.length;
  return plans;
}

/**
 * Render pages: the previous build's where their key is the same, the rest in the
 * workers, into the output session.
 */
export async function renderPages(
  render: PageRender,
  plans: PagePlan[],
  keep: ReadonlySet<string>,
): Promise<void> {
  const { run, session } = render;
  const toRender = [];
  const kept = [];
  for (const plan of plans) {
    if (keep.has(plan.path)) {
      const before = run.memory.previous.get(plan.path);
      run.outputs.set(plan.path, before ?? { key: plan.key });
      kept.push(plan.path);
    } else {
      toRender.push(plan);
    }
  }
  // Linked a few at a time: one by one, the 28,500 links of a 10,000-article site took 3–5 s.
  await inParallel(kept, (file) => session.keep(file));
  run.stats.pagesRendered = toRender.length;
  let done = 0;
  const missing = await renderPageChunks(render, toRender, (count) => {
    done += count;
    run.options.onProgress?.({ phase: 'pages', done, total: toRender.length });
  });
  if (missing.length === 0) return;
  await renderBodiesAgain(
    run,
    missing.map((plan) => plan.articleKey!),
  );
  const stillMissing = await renderPageChunks(render, missing, () => {});
  if (stillMissing.length > 0) throw new Error(`no rendered body for ${stillMissing[0]!.path}`);
}

/** What rendering pages takes: the site, its config and templates, and where the pages go. */
export interface PageRender {
  run: BuildRun;
  site: Site;
  config: SiteConfig;
  templates: PageTemplates;
  session: OutputSession;
}

/** Render pages in the workers, a few chunks in flight; returns the plans whose article body was missing. */
async function renderPageChunks(
  { run, site, config, templates, session }: PageRender,
  plans: PagePlan[],
  onDone: (count: number) => void,
): Promise<PagePlan[]> {
  const byPath = new Map(plans.map((plan) => [plan.path, plan]));
  const missing: PagePlan[] = [];
  // Template data is rebuilt per chunk so that no more than a few chunks of it are alive at
  // once. A small site whose articles were rendered in this thread has its pages too.
  const inThisThread =
    run.runner.smallWorkHere &&
    run.runner.threadsStarted === 0 &&
    plans.length > 0 &&
    plans.length <= IN_THREAD_PAGES;
  const tasks = inThisThread ? [plans] : chunks(plans, PAGES_PER_TASK);
  const inFlight = Math.max(2, run.runner.threads * 2);
  let next = 0;
  const worker = async (going: () => boolean) => {
    while (next < tasks.length && going()) {
      const chunk = tasks[next++]!;
      const jobs: PageJob[] = chunk.map((plan) => {
        const job: PageJob = {
          path: plan.path,
          kind: plan.spec.kind,
          data: buildTemplateData(plan.spec, site, config),
        };
        if (plan.articleKey) {
          job.articleKey = plan.articleKey;
          const body = run.memory.bodies.get(plan.articleKey);
          if (body !== undefined) job.articleHtml = body.html;
        }
        if (plan.equationLinks) job.equationLinks = plan.equationLinks;
        return job;
      });
      const result = await run.runner.pages(
        {
          kind: 'pages',
          setup: templates.setup,
          cacheDir: run.cacheDir,
          outDir: session.stagingDir,
          jobs,
        },
        tasks.length === 1,
      );
      run.diagnostics.push(...result.diagnostics);
      for (const page of result.pages) {
        run.outputs.set(page.path, { key: byPath.get(page.path)!.key, file: page.file });
      }
      for (const file of result.missing) missing.push(byPath.get(file)!);
      onDone(chunk.length);
    }
  };
  await together(Math.min(inFlight, tasks.length), worker);
  return missing;
}
