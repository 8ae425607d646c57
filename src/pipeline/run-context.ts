import path from 'node:path';
import type { SiteConfig } from '../config/index.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import type { MarkdownOptions } from '../markdown/index.js';
import type { SearchEntry, SearchIndexState } from '../search/index.js';
import { ArticleCache, type ArticleSummary } from './article-cache.js';
import { diskDestination, memoryDestination, type Destination } from './destination.js';
import {
  emptyStats,
  type ArticlePage,
  type BuildOptions,
  type BuildResult,
  type BuildStats,
} from './options.js';
import type { PreviousOutput } from './output-keys.js';
import type { TaskRunner } from './pool.js';
import type { RememberedSources } from './remembered-sources.js';
import type { Article, ArticleImages, RenderedArticle, Site } from '../model/index.js';

/** An article's body and what the search index takes of it, kept in memory when there is no cache. */
export interface RenderedBody {
  html: string;
  search: SearchEntry;
}

/** What a builder keeps from one build for the next. */
export interface BuilderMemory {
  summaries: Map<string, ArticleSummary>;
  bodies: Map<string, RenderedBody>;
  /** The outputs of the last successful build. */
  previous: Map<string, PreviousOutput>;
  remembered: RememberedSources;
  /** The summaries as the site stage takes them, kept while neither summary nor article changes. */
  rendered: WeakMap<ArticleSummary, RenderedArticle>;
  placeSite: (rendered: readonly RenderedArticle[], config: SiteConfig) => Site;
  /** The search index of the last successful build, and where it went. */
  searchState: { outDir: string; state: SearchIndexState } | undefined;
}

/** One build's state, which its steps read and add to: diagnostics collected, outputs recorded. */
export interface BuildRun {
  readonly options: BuildOptions;
  readonly runner: TaskRunner;
  readonly memory: BuilderMemory;
  readonly destination: Destination;
  readonly cacheDir: string | undefined;
  readonly cache: ArticleCache | undefined;
  readonly diagnostics: Diagnostic[];
  /** Source texts by diagnostic file name, for code frames. */
  readonly sources: Map<string, string>;
  readonly stats: BuildStats;
  /** Every output file of this build, with what it is made from. */
  readonly outputs: Map<string, PreviousOutput>;
  /** Known once the config is read; kept for rendering a lost article body again. */
  markdown: MarkdownOptions;
  readonly articleByKey: Map<string, Article>;
  /** What each article's render knows of the images it may show, by its key. */
  readonly imagesByKey: Map<string, ArticleImages>;
  basePath: string | undefined;
  readonly articlePages: ArticlePage[];
  /** The search index this build made, kept for the next once the build succeeded. */
  searchState: SearchIndexState | undefined;
}

export function createRun(
  options: BuildOptions,
  runner: TaskRunner,
  memory: BuilderMemory,
): BuildRun {
  const outDir = path.resolve(options.cwd, options.outDir);
  const cacheDir =
    options.cacheDir === false
      ? undefined
      : path.resolve(options.cwd, options.cacheDir ?? '.cache');
  return {
    options,
    runner,
    memory,
    destination:
      options.write === false
        ? memoryDestination(outDir, memory)
        : diskDestination(outDir, cacheDir),
    cacheDir,
    cache: cacheDir ? new ArticleCache(cacheDir) : undefined,
    diagnostics: [],
    sources: new Map(),
    stats: emptyStats(),
    outputs: new Map(),
    markdown: { macros: {}, basePath: '/' },
    articleByKey: new Map(),
    imagesByKey: new Map(),
    basePath: undefined,
    articlePages: [],
    searchState: undefined,
  };
}

/** The result of a build that ends here: diagnostics sorted, each once. */
export function finish(run: BuildRun, exitCode: BuildResult['exitCode']): BuildResult {
  const result: BuildResult = {
    exitCode,
    diagnostics: sortDiagnostics(uniqueDiagnostics(run.diagnostics)),
    sources: run.sources,
    stats: run.stats,
    files: exitCode === 0 ? run.destination.heldFiles(run.outputs) : [],
    changed: [],
  };
  if (run.basePath !== undefined) result.basePath = run.basePath;
  if (exitCode === 0) result.articlePages = run.articlePages;
  return result;
}

/** A broken shared layout fails every page the same way; report it once. */
function uniqueDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
