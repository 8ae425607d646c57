import type { Diagnostic } from '../diagnostics/index.js';
import type { ProgressListener } from './progress.js';
import type { OutputFile } from '../model/index.js';

// What a build is asked and what it answers: the pipeline's surface for the CLI and the dev server.

export interface BuildOptions {
  cwd: string;
  contentDir: string;
  outDir: string;
  templatesDir: string;
  publicDir: string;
  configPath?: string;
  basePath?: string;
  drafts: boolean;
  strict: boolean;
  /** Write to `outDir` (default). The dev server keeps the files in memory instead. */
  write?: boolean;
  /** Folder of the render cache (default `.cache` in `cwd`); `false` keeps it in memory only. */
  cacheDir?: string | false;
  /** Worker threads (default: one per core; 1 renders in this thread). */
  jobs?: number;
  onProgress?: ProgressListener;
}

export interface BuildStats {
  articles: number;
  pages: number;
  formulas: number;
  /** Articles rendered by this build; the others came from the cache. */
  articlesRendered: number;
  /** Pages rendered by this build; the others were kept from the previous build. */
  pagesRendered: number;
  filesWritten: number;
  filesUnchanged: number;
  /** How long the build, its pages done, still waited for the search index. */
  searchWaitSeconds: number;
  /** How long the search index took, from the rendered articles to its files. */
  searchSeconds: number;
  /** WebP variants of images encoded by this build; the others came from the cache. */
  imagesEncoded: number;
  /** How long making the variants took (reading them back from the cache included). */
  imageSeconds: number;
  /** Files of the search index made by this build (some may come out as they were and be kept). */
  searchFilesMade: number;
  /** Whether every shard of the search index was made again, not only its delta layer. */
  searchFull: boolean;
  /** How much the process's RSS grew while the search index was made, sampled every 20 ms. */
  searchRssGrowthMB: number;
  seconds: number;
}

export interface BuildResult {
  /** 0 built, 1 content errors (nothing written), 2 configuration errors. */
  exitCode: 0 | 1 | 2;
  diagnostics: Diagnostic[];
  /** Source texts by diagnostic file name, for code frames. */
  sources: Map<string, string>;
  stats: BuildStats;
  /** The whole site, when the build succeeded with `write: false`; empty when written to disk. */
  files: OutputFile[];
  /** Output paths added, changed or removed since the builder's previous successful build. */
  changed: string[];
  /** The base path the site was built for, once the config was read. */
  basePath?: string;
  /** Each article's page, when the build succeeded: the dev server follows a renamed article. */
  articlePages?: ArticlePage[];
}

export interface ArticlePage {
  /** Output path, `posts/対数/index.html`. */
  path: string;
  /** With the base path, percent-encoded: `/posts/%E5%AF%BE%E6%95%B0/`. */
  url: string;
  title: string;
  /** The source's path as diagnostics name it, and its text. */
  source: string;
  sourceText: string;
}

/** What the caller knows about the change since the previous `build()` (the dev server's watcher). */
export interface BuildHint {
  /**
   * Absolute paths of sources, templates, public files or the config that were added, changed
   * or removed since the previous call. A hint only: without it the builder checks every input.
   */
  changedPaths?: readonly string[];
}

export interface Builder {
  /** Build again from the files on disk, reusing what did not change since the last call. */
  build(hint?: BuildHint): Promise<BuildResult>;
  /** Stop the worker threads. */
  close(): Promise<void>;
}
/** The stats of a build before it ran: each step adds what it did. */
export function emptyStats(): BuildStats {
  return {
    articles: 0,
    pages: 0,
    formulas: 0,
    articlesRendered: 0,
    pagesRendered: 0,
    filesWritten: 0,
    filesUnchanged: 0,
    searchWaitSeconds: 0,
    searchSeconds: 0,
    imagesEncoded: 0,
    imageSeconds: 0,
    searchFilesMade: 0,
    searchFull: false,
    searchRssGrowthMB: 0,
    seconds: 0,
  };
}
