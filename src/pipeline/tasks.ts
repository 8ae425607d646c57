import type { SiteConfig } from '../config/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { createMathEngine } from '../math/index.js';
import {
  applyEquationLinks,
  createMarkdownRenderer,
  type MarkdownOptions,
  type MarkdownRenderer,
  type ReferenceResolutions,
  typesetArticle,
} from '../markdown/index.js';
import { inMemory, searchText, writeInside } from '../output/index.js';
import {
  ARTICLE_BODY_MARK,
  createRenderer,
  type Renderer,
  type TemplateData,
  type TemplateSources,
} from '../render/index.js';
import { searchEntry, type SearchEntry } from '../search/index.js';
import { ArticleCache, type ArticleSummary } from './article-cache.js';
import { failedWhile } from './internal-error.js';
import type { Article, ArticleImages, OutputFile, PageSpec } from '../model/index.js';

/**
 * The two kinds of work a build spreads over worker threads. The same functions run
 * in-process for a one-thread build, so both give the same bytes.
 */
export type Task = ArticleTask | PageTask;

export interface ArticleTask {
  kind: 'articles';
  markdown: MarkdownOptions;
  /** Where rendered articles are stored; without it, HTML is sent back. */
  cacheDir?: string;
  /** `images`: what the article's render knows of the images it may show (part of `key`). */
  jobs: { key: string; article: Article; images?: ArticleImages }[];
}

/** What of the site config an article's render depends on: part of every article's key. */
export function markdownOptions(config: SiteConfig): MarkdownOptions {
  return {
    macros: config.macros,
    basePath: config.basePath,
    markdownEscapes: config.math.markdownEscapes,
    breaks: config.markdown.breaks,
    theoremNumbering: config.theorems.numberWithin,
  };
}

export interface RenderedSummary {
  key: string;
  summary: ArticleSummary;
  /** Only when there is no cache to keep them in. */
  html?: string;
  search?: SearchEntry;
}

export interface PageSetup {
  /** Identifies templates + config, so a worker builds its Liquid engine once. */
  id: string;
  templates: TemplateSources;
  config: SiteConfig;
  sourceDir: string;
  /** The templates print article bodies untouched: pages get them as bytes (`ARTICLE_BODY_MARK`). */
  spliceBodies: boolean;
}

export interface PageJob {
  path: string;
  kind: PageSpec['kind'];
  data: TemplateData;
  /** An article page's body: from the cache by key, or given. */
  articleKey?: string;
  articleHtml?: string;
  /** How the body's equation references to other parts of its series resolved; only for a body that has some. */
  equationLinks?: ReferenceResolutions;
}

export interface PageTask {
  kind: 'pages';
  setup: PageSetup;
  cacheDir?: string;
  /** Write pages into this folder (the staging folder); without it, HTML is sent back. */
  outDir?: string;
  jobs: PageJob[];
}

export interface RenderedPageResult {
  path: string;
  /** Only when the page is not written to disk: kept in memory, compressed. */
  file?: OutputFile;
}

export interface PageTaskResult {
  pages: RenderedPageResult[];
  diagnostics: Diagnostic[];
  /** Article pages whose body was not in the cache. */
  missing: string[];
}

// One engine per thread: formulas repeated across the thread's articles render once.
let markdown: { options: string; renderer: MarkdownRenderer } | undefined;
let pages: { id: string; renderer: Renderer } | undefined;

export async function renderArticles(task: ArticleTask): Promise<RenderedSummary[]> {
  const options = JSON.stringify(task.markdown);
  if (markdown?.options !== options) {
    markdown = {
      options,
      renderer: createMarkdownRenderer(createMathEngine(), task.markdown),
    };
  }
  const cache = task.cacheDir ? new ArticleCache(task.cacheDir) : undefined;
  const results: RenderedSummary[] = [];
  for (const { key, article, images } of task.jobs) {
    let rendered;
    try {
      await markdown.renderer.prepare(article);
      // Typeset here, once per article, so that no page pays for it again.
      rendered = typesetArticle(markdown.renderer.render(article, images));
    } catch (error) {
      throw failedWhile(`while rendering ${article.sourcePath}`, error);
    }
    const { article: _article, html, ...summary } = rendered;
    // What the search index takes of the body, made here in parallel and cached with it.
    const search = searchEntry(article.title, searchText(html));
    if (cache) {
      await cache.write(key, summary, html, search);
      results.push({ key, summary });
    } else {
      results.push({ key, summary, html, search });
    }
  }
  return results;
}

export async function renderPages(task: PageTask): Promise<PageTaskResult> {
  if (pages?.id !== task.setup.id) {
    const { templates, config, sourceDir } = task.setup;
    pages = { id: task.setup.id, renderer: createRenderer(templates, config, { sourceDir }) };
  }
  const cache = task.cacheDir ? new ArticleCache(task.cacheDir) : undefined;
  const result: PageTaskResult = { pages: [], diagnostics: [], missing: [] };
  // Files are read and written while pages render: a page costs about as much in file
  // system calls as in Liquid, and the two overlap.
  const bodies = task.jobs.map((job) => readBody(job, task.setup, cache));
  const writes: Promise<void>[] = [];
  for (const [index, job] of task.jobs.entries()) {
    const data = job.data;
    const body = await bodies[index];
    if (data.article) {
      // A cache entry lost or damaged since the summary was read: the main thread renders it again.
      if (body === undefined) {
        result.missing.push(job.path);
        continue;
      }
      data.article.html = typeof body === 'string' ? body : ARTICLE_BODY_MARK;
    }
    let page;
    try {
      page = pages.renderer.renderData(job.kind, data);
    } catch (error) {
      throw failedWhile(`while rendering the page ${job.path}`, error);
    }
    result.diagnostics.push(...page.diagnostics);
    if (page.html === undefined) continue;
    const content = body instanceof Buffer ? withBody(page.html, body) : page.html;
    if (task.outDir) {
      writes.push(writeInside(task.outDir, job.path, content));
      result.pages.push({ path: job.path });
    } else {
      // Compressed here, in parallel, before it reaches the main thread.
      result.pages.push({ path: job.path, file: inMemory(job.path, content) });
    }
  }
  // Every write ended before a failure is reported: the staging folder is removed after it.
  const failed = (await Promise.allSettled(writes)).find((write) => write.status === 'rejected');
  if (failed) throw failed.reason;
  return result;
}

/**
 * An article page's body: its bytes, to go in place of `ARTICLE_BODY_MARK`, or its HTML
 * with the links to other parts of its series; undefined when the cache lost it.
 */
async function readBody(
  job: PageJob,
  setup: PageSetup,
  cache: ArticleCache | undefined,
): Promise<string | Buffer | undefined> {
  if (!job.data.article) return undefined;
  if (setup.spliceBodies && job.articleHtml === undefined && !job.equationLinks) {
    return job.articleKey ? cache?.readHtmlBytes(job.articleKey) : undefined;
  }
  const html =
    job.articleHtml ?? (job.articleKey ? await cache?.readHtml(job.articleKey) : undefined);
  return html === undefined ? undefined : applyEquationLinks(html, job.equationLinks ?? {});
}

/** A page rendered around `ARTICLE_BODY_MARK`, with the body's bytes in its place. */
function withBody(page: string, body: Buffer): Buffer {
  const parts: Buffer[] = [];
  page.split(ARTICLE_BODY_MARK).forEach((part, index) => {
    if (index > 0) parts.push(body);
    parts.push(Buffer.from(part, 'utf8'));
  });
  return Buffer.concat(parts);
}

export function runTask(task: Task): Promise<RenderedSummary[] | PageTaskResult> {
  return task.kind === 'articles' ? renderArticles(task) : renderPages(task);
}
