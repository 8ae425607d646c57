import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, type SiteConfig } from '../config/index.js';
import {
  loadArticles,
  parseArticle,
  readImages,
  readSources,
  rereadSources,
  restoredArticleResult,
  storedArticleResult,
  type Article,
  type ArticleResult,
  type SiteImage,
  type SourceFile,
  type SourcesResult,
} from '../content/index.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import {
  applyEquationLinks,
  type ArticleImages,
  resolveEquationReferences,
  type MarkdownOptions,
  type ReferenceResolutions,
  type RenderedArticle,
} from '../markdown/index.js';
import {
  katexAssets,
  openSiteWriter,
  outputFileBytes,
  publicFiles,
  recoverInterruptedSwap,
  removeScratchFolders,
  type OutputFile,
  type SiteWriter,
} from '../output/index.js';
import {
  searchClientFiles,
  updateSearchIndex,
  type SearchEntry,
  type SearchIndexState,
} from '../search/index.js';
import {
  buildTemplateData,
  focusableDisplays,
  loadTemplates,
  printsArticleBodyRaw,
  TEMPLATE_FOR_KIND,
  templateDataKeyer,
  templatesUsedBy,
} from '../render/index.js';
import {
  createSiteBuilder,
  compareNewestFirst,
  type PageSpec,
  type Site,
  type SiteArticle,
} from '../site/index.js';
import { ArticleCache, articleKey, type ArticleSummary } from './article-cache.js';
import { codeFingerprint, contentHash, sha256 } from './fingerprint.js';
import { FrontMatterCache } from './front-matter-cache.js';
import {
  readManifest,
  sameBytesOnDisk,
  unchangedOnDisk,
  unchangedOnDiskSync,
  writeManifest,
  type OutputManifest,
} from './manifest.js';
import { bundleOutputs } from './bundles.js';
import { imageFilesOf, imagesForArticles, imageVariants } from './images.js';
import { checkLinks } from './links.js';
import { createTaskRunner, type TaskRunner } from './pool.js';
import type { ProgressListener } from './progress.js';
import { readSearchState, writeSearchState } from './search-state.js';
import {
  feedArticles,
  feedFiles,
  searchDocuments,
  sitemapFiles,
  sitemapInputs,
} from './site-files.js';
import { markdownOptions, type PageJob, type PageSetup } from './tasks.js';

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

/** One-shot build, as `sugaku build` runs it. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const builder = createBuilder(options);
  try {
    return await builder.build();
  } finally {
    await builder.close();
  }
}

/** How many articles or pages go to a worker at once: enough to amortise the message, few enough to balance. */
const ARTICLES_PER_TASK = 16;
const PAGES_PER_TASK = 32;

interface PreviousOutput {
  key: OutputKey;
  /** The file itself, kept only when nothing is written to disk (the dev server serves it). */
  file?: OutputFile;
  /** The hash of its bytes, for a file other than a page written to disk. */
  sha?: string;
}

/** An article's body and what the search index takes of it, kept in memory when there is no cache. */
interface RenderedBody {
  html: string;
  search: SearchEntry;
}

/** A file besides the pages, with the key it is made from; no `file` means: keep the previous one. */
interface KeyedFile {
  path: string;
  key: string;
  file?: OutputFile;
}

/**
 * A builder keeps what it rendered between builds: article summaries by key, page
 * keys and hashes, the worker threads. A second `build()` after an edit renders the
 * edited article and the pages whose data changed, nothing else.
 */
export function createBuilder(options: BuildOptions): Builder {
  const memory: BuilderMemory = {
    summaries: new Map(),
    bodies: new Map(),
    previous: new Map(),
    remembered: new RememberedSources(),
    rendered: new WeakMap(),
    placeSite: createSiteBuilder(),
    searchState: undefined,
  };
  const { summaries, bodies, remembered } = memory;
  let runner: TaskRunner | undefined;
  let saving: Promise<void> = Promise.resolve();
  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    saving = remembered.saveParsed();
    // Handled here so that it cannot end the process; the next build or `close` throws it.
    saving.catch(() => {});
  };

  return {
    async build(hint) {
      // A save not yet begun waits for this build, which saves what it parsed as well.
      clearTimeout(saveTimer);
      await saving;
      runner ??= createTaskRunner(options.jobs);
      const started = performance.now();
      const run = new BuildRun(options, runner, memory);
      const result = await run.execute(hint);
      result.stats.seconds = (performance.now() - started) / 1000;
      // What this build did not use (an edited article's old render) is not kept for the next.
      for (const map of [summaries, bodies]) {
        for (const key of map.keys()) if (!run.articleByKey.has(key)) map.delete(key);
      }
      if (result.exitCode === 0) {
        result.changed = changedPaths(memory.previous, run.outputs);
        memory.previous = run.outputs;
      }
      // Parsed front matter goes to disk a little later: the dev server's reload and the
      // browser's requests that follow it do not wait for the file.
      saveTimer = setTimeout(save, SAVE_DELAY_MS);
      return result;
    },
    async close() {
      if (saveTimer) save();
      try {
        await saving;
      } finally {
        await runner?.close();
        runner = undefined;
      }
    },
  };
}

/** How long after a build its parsed front matter is written, unless another build starts. */
const SAVE_DELAY_MS = 500;

/** What a builder keeps from one build for the next. */
interface BuilderMemory {
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

interface Parsed {
  text: string;
  result: ArticleResult;
}

/**
 * What a builder remembers of its sources between builds: the files as last read (a
 * build told which paths changed reads only those again), their parsed front matter by
 * path and text, and the articles' keys.
 */
class RememberedSources {
  private lastRead: { contentDir: string; result: SourcesResult } | undefined;
  private config = '';
  private results = new Map<string, Parsed>();
  private keys = new WeakMap<Article, { salt: string; key: string }>();
  private onDisk: { dir: string; cache: FrontMatterCache } | undefined;
  private folders = new Map<string, unknown>();

  async read(contentDir: string, cwd: string, hint?: BuildHint): Promise<SourcesResult> {
    const previous = this.lastRead?.contentDir === contentDir ? this.lastRead.result : undefined;
    const result =
      (previous &&
        hint?.changedPaths &&
        (await rereadSources(previous, hint.changedPaths, contentDir, cwd))) ||
      (await readSources(contentDir, cwd));
    this.lastRead = { contentDir, result };
    return result;
  }

  /**
   * The parser for one build; what this build does not read again is forgotten. With a
   * cache folder, front matter parsed by earlier builds (in other processes) is read back.
   */
  async parser(
    config: SiteConfig,
    fingerprint: string,
    cacheDir: string | undefined,
  ): Promise<(source: SourceFile, config: SiteConfig) => ArticleResult> {
    const configKey = JSON.stringify(config);
    const previous = configKey === this.config ? this.results : new Map<string, Parsed>();
    const current = new Map<string, Parsed>();
    this.config = configKey;
    this.results = current;
    if (cacheDir && this.onDisk?.dir !== cacheDir) {
      this.onDisk = { dir: cacheDir, cache: await FrontMatterCache.open(cacheDir) };
    }
    const disk = cacheDir ? this.onDisk?.cache : undefined;
    const salt = sha256(fingerprint, configKey);
    return (source) => {
      const known = previous.get(source.path);
      // Usually the very string read last time, so the comparison is free.
      if (known?.text === source.text) {
        current.set(source.path, known);
        return known.result;
      }
      const key = disk ? sha256(salt, source.path, source.text) : '';
      const stored = disk?.get(key);
      const result = stored ? restoredArticleResult(source, stored) : parseArticle(source, config);
      if (disk && !stored) {
        const storable = storedArticleResult(result);
        if (storable) disk.set(key, storable);
      }
      current.set(source.path, { text: source.text, result });
      return result;
    };
  }

  /**
   * What `read` made of a folder the last time, while the watcher names nothing inside it;
   * without a hint, read again.
   */
  async folder<T>(dir: string, hint: BuildHint | undefined, read: () => Promise<T>): Promise<T> {
    const known = this.folders.get(dir) as T | undefined;
    const untouched = hint?.changedPaths?.every((file) => {
      const inside = path.relative(dir, file);
      return inside.startsWith('..') || path.isAbsolute(inside);
    });
    if (known !== undefined && untouched) return known;
    const value = await read();
    this.folders.set(dir, value);
    return value;
  }

  /** Keep what the parser added on disk for the next process. */
  async saveParsed(): Promise<void> {
    await this.onDisk?.cache.save();
  }

  /** `articleKey`, computed once per parsed article. */
  key(article: Article, markdown: MarkdownOptions, fingerprint: string): string {
    const salt = `${fingerprint}\u0000${JSON.stringify(markdown)}`;
    const known = this.keys.get(article);
    if (known?.salt === salt) return known.key;
    const key = articleKey(article, markdown, fingerprint);
    this.keys.set(article, { salt, key });
    return key;
  }
}

/**
 * What an output file is made from: a hash where it is written to the output manifest; a
 * page kept in memory only (the dev server) keeps the parts themselves, which compare
 * without being hashed or joined on every save (a page names a dozen article cards of a
 * few hundred characters each).
 */
type OutputKey = string | readonly string[];

function sameKey(a: OutputKey | undefined, b: OutputKey): boolean {
  if (typeof a === 'string' || typeof b === 'string' || a === undefined) return a === b;
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

/** A page to output and the key of everything it is made from. */
interface PagePlan {
  spec: PageSpec;
  path: string;
  key: OutputKey;
  articleKey?: string;
  equationLinks?: ReferenceResolutions;
}

/** One build: the stages in order, diagnostics collected, output written only if all is well. */
class BuildRun {
  readonly outputs = new Map<string, PreviousOutput>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly sources = new Map<string, string>();
  private readonly stats: BuildStats = {
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
  private readonly outDir: string;
  private readonly cacheDir: string | undefined;
  private readonly cache: ArticleCache | undefined;
  private readonly write: boolean;
  /** Known once the config is read; kept for rendering a lost article body again. */
  private markdown: MarkdownOptions = { macros: {}, basePath: '/' };
  readonly articleByKey = new Map<string, Article>();
  /** What each article's render knows of the images it may show, by its key. */
  private readonly imagesByKey = new Map<string, ArticleImages>();
  private basePath: string | undefined;
  private articlePages: ArticlePage[] = [];
  /** What the previous build wrote to `outDir`, when writing. */
  private manifest: OutputManifest | undefined;
  /** The search index this build made, kept for the next once the build succeeded. */
  private searchState: SearchIndexState | undefined;

  constructor(
    private readonly options: BuildOptions,
    private readonly runner: TaskRunner,
    private readonly memory: BuilderMemory,
  ) {
    this.outDir = path.resolve(options.cwd, options.outDir);
    this.cacheDir =
      options.cacheDir === false
        ? undefined
        : path.resolve(options.cwd, options.cacheDir ?? '.cache');
    this.cache = this.cacheDir ? new ArticleCache(this.cacheDir) : undefined;
    this.write = options.write !== false;
  }

  async execute(hint?: BuildHint): Promise<BuildResult> {
    const result = await this.run(hint);
    if (result.exitCode === 0 && this.searchState) {
      this.memory.searchState = { outDir: this.outDir, state: this.searchState };
      if (this.write && this.cacheDir) await writeSearchState(this.cacheDir, this.searchState);
    }
    return result;
  }

  private async run(hint?: BuildHint): Promise<BuildResult> {
    const { options } = this;
    const configured = await loadConfig(options.configPath, options.cwd, {
      basePath: options.basePath,
    });
    this.diagnostics.push(...configured.diagnostics);
    // A build killed between its two renames left the site in `.previous`: put it back
    // first, so that even a build that fails leaves a complete `dist/`.
    if (this.write) {
      await recoverInterruptedSwap(this.outDir);
      await removeScratchFolders(this.outDir);
    }
    if (!configured.config || hasErrors(configured.diagnostics)) return this.finish(2);
    const config = configured.config;
    this.basePath = config.basePath;

    const read = await this.memory.remembered.read(
      path.resolve(options.cwd, options.contentDir),
      options.cwd,
      hint,
    );
    this.diagnostics.push(...read.diagnostics);
    for (const source of read.sources) this.sources.set(source.path, source.text);
    const fingerprint = await codeFingerprint();
    const loaded = loadArticles(read.sources, config, {
      drafts: options.drafts,
      parse: await this.memory.remembered.parser(config, fingerprint, this.cacheDir),
    });
    this.diagnostics.push(...loaded.diagnostics);

    this.manifest =
      this.write && this.cacheDir ? await readManifest(this.cacheDir, this.outDir) : undefined;
    this.markdown = markdownOptions(config);
    const publicDir = path.resolve(options.cwd, options.publicDir);
    const publicAssets = await this.memory.remembered.folder(publicDir, hint, async () => {
      const files = [
        ...(await katexAssets()),
        ...(await searchClientFiles()),
        ...(await publicFiles(publicDir)),
      ];
      return {
        keyed: await Promise.all(
          files.map(async (file): Promise<KeyedFile> => ({
            path: file.path,
            key: await assetKey(file),
            file,
          })),
        ),
        images: await readImages(imageFilesOf(files)),
      };
    });
    const copied = publicAssets.keyed;
    const bundleFiles = bundleOutputs(read.bundleFiles, loaded.articles);
    const bundled = await Promise.all(
      bundleFiles.map(async (file): Promise<KeyedFile> => ({
        path: file.path,
        key: await assetKey(file),
        file,
      })),
    );
    const images = [...publicAssets.images, ...(await readImages(imageFilesOf(bundleFiles)))];
    const imagesOf = imagesForArticles(loaded.articles, images);
    // Variants of the images articles show (not of the site's icons), encoded while the
    // articles render; only the pages wait for them.
    const shownPaths = new Set(
      [...imagesOf.values()].flatMap((shown) => Object.keys(shown?.files ?? {})),
    );
    const variants = this.imageVariants(
      images.filter((image) => shownPaths.has(image.sitePath)),
      new Set([...copied, ...bundled].map((file) => file.path)),
    );
    variants.catch(() => {});
    const keyed = loaded.articles.map((article) => {
      const key = this.memory.remembered.key(article, this.markdown, fingerprint);
      const shown = imagesOf.get(article);
      return shown
        ? { article, key: sha256(key, JSON.stringify(shown)), images: shown }
        : { article, key };
    });
    for (const { article, key, images: shown } of keyed) {
      this.articleByKey.set(key, article);
      if (shown) this.imagesByKey.set(key, shown);
    }
    const siteKey = sha256(fingerprint, JSON.stringify(config));
    // In the site's order, which the workers render in and the search index lists results in.
    const inSiteOrder = [...keyed].sort((a, b) => compareNewestFirst(a.article, b.article));
    const rendered = await this.renderArticles(inSiteOrder);
    if (hasErrors(this.diagnostics, options.strict)) return this.finish(1);
    // The search index needs the articles' words, not the site graph. Made from nothing, it
    // is made while the pages render; updated from the previous build's, it takes a few
    // milliseconds, done first, so that its reads do not wait behind the pages' writes.
    const previousSearch = this.previousSearchState();
    const search = this.searchIndex(inSiteOrder, config, previousSearch);
    search.catch(() => {});
    if (previousSearch) await search;

    const site = this.memory.placeSite(rendered.articles, config);
    this.stats.articles = site.articles.length;
    // Equation references across the parts of a series, now that the series are known.
    const linked = resolveEquationReferences(site.articles);
    this.diagnostics.push(...linked.diagnostics);
    const equationLinks = new Map(
      site.articles.map((article, index) => [
        article.rendered.article,
        typesetResolutions(linked.resolutions[index]!),
      ]),
    );
    const templatesDir = path.resolve(options.cwd, options.templatesDir);
    const sourceDir = path.relative(options.cwd, templatesDir).split(path.sep).join('/') || '.';
    const templates = await this.memory.remembered.folder(templatesDir, hint, async () =>
      (await isFolder(templatesDir)) ? loadTemplates(templatesDir) : undefined,
    );
    if (!templates) {
      this.diagnostics.push({
        file: sourceDir,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'config/no-templates',
        message: `There is no templates folder at ${sourceDir}.`,
        hint: 'Copy the templates/ folder of sugaku into your site, or pass --templates DIR.',
      });
      return this.finish(2);
    }
    for (const [name, text] of Object.entries(templates))
      this.sources.set(`${sourceDir}/${name}`, text);

    const setup: PageSetup = {
      id: sha256(fingerprint, JSON.stringify(templates), JSON.stringify(config), sourceDir),
      templates,
      config,
      sourceDir,
      spliceBodies: printsArticleBodyRaw(templates),
    };
    // A page is made again when a template it reads changed, not when any did: an edit of
    // the article template leaves the lists alone.
    const pageTemplates = new Map<PageSpec['kind'], string>();
    const templatesKey = (kind: PageSpec['kind']): string => {
      let key = pageTemplates.get(kind);
      if (key === undefined) {
        const used = templatesUsedBy(templates, TEMPLATE_FOR_KIND[kind]);
        key = used
          ? sha256(
              fingerprint,
              JSON.stringify(config),
              sourceDir,
              String(setup.spliceBodies),
              ...used.flatMap((name) => [name, templates[name] ?? '']),
            )
          : setup.id;
        pageTemplates.set(kind, key);
      }
      return key;
    };
    const assets = [...copied, ...bundled, ...(await variants)];
    // Feed, sitemap and robots.txt (src/pipeline/site-files.ts) are made again only when what
    // they show changed.
    const articleBody = ({ rendered: { article } }: SiteArticle) =>
      this.articleBody(rendered.keys.get(article)!, equationLinks.get(article) ?? {});
    const keyOf = (article: SiteArticle) => rendered.keys.get(article.rendered.article)!;
    const feedKey = sha256(
      'feed',
      siteKey,
      ...feedArticles(site).map((article) =>
        JSON.stringify([
          keyOf(article),
          article.url,
          article.authors,
          article.tags,
          equationLinks.get(article.rendered.article) ?? {},
        ]),
      ),
    );
    assets.push(...(await this.generated(feedKey, () => feedFiles(site, config, articleBody))));
    const sitemapKey = sha256('sitemap', siteKey, sitemapInputs(site));
    assets.push(...(await this.generated(sitemapKey, async () => sitemapFiles(site, config))));
    this.diagnostics.push(
      ...checkLinks(
        site,
        config,
        assets.map((file) => file.path),
        configured.menuLocations,
      ),
    );
    return this.output(
      site,
      config,
      setup,
      templatesKey,
      rendered.keys,
      assets,
      equationLinks,
      search,
    );
  }

  private async imageVariants(images: readonly SiteImage[], taken: ReadonlySet<string>) {
    const started = performance.now();
    const { files, encoded } = await imageVariants(images, this.cacheDir, taken);
    this.stats.imagesEncoded = encoded;
    this.stats.imageSeconds = (performance.now() - started) / 1000;
    return files;
  }

  /** An article's final body HTML, for the feed. */
  private async articleBody(key: string, links: ReferenceResolutions): Promise<string> {
    let html = this.memory.bodies.get(key)?.html ?? (await this.cache?.readHtml(key));
    if (html === undefined) {
      await this.renderBodiesAgain([key]);
      html = this.memory.bodies.get(key)!.html;
    }
    return applyEquationLinks(html, links);
  }

  /** What the search index takes of an article's body (links to other parts change no word of it). */
  private async articleSearch(key: string): Promise<SearchEntry> {
    let search = this.memory.bodies.get(key)?.search ?? this.cache?.readSearchSync(key);
    if (search === undefined) {
      await this.renderBodiesAgain([key]);
      search = this.memory.bodies.get(key)!.search;
    }
    return search;
  }

  /**
   * The search index of the articles (`src/search/`): from the previous build's state, only
   * the changed articles' fragments and the delta layer, unless a file it would keep is
   * gone from the output folder; then every file again, ids kept.
   */
  private previousSearchState(): SearchIndexState | undefined {
    const remembered = this.memory.searchState;
    if (remembered?.outDir === this.outDir) return remembered.state;
    return this.write && this.cacheDir ? readSearchState(this.cacheDir) : undefined;
  }

  private async searchIndex(
    inSiteOrder: { article: Article; key: string }[],
    config: SiteConfig,
    previous: SearchIndexState | undefined,
  ): Promise<KeyedFile[]> {
    const started = performance.now();
    const startRss = process.memoryUsage.rss();
    let peakRss = startRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    try {
      return await this.makeSearchIndex(inSiteOrder, config, previous);
    } finally {
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      this.stats.searchRssGrowthMB = (peakRss - startRss) / 2 ** 20;
      this.stats.searchSeconds = (performance.now() - started) / 1000;
    }
  }

  private async makeSearchIndex(
    inSiteOrder: { article: Article; key: string }[],
    config: SiteConfig,
    previous: SearchIndexState | undefined,
  ): Promise<KeyedFile[]> {
    const input = {
      previous,
      documents: searchDocuments(inSiteOrder, config),
      entry: ({ key }: { key: string }) => this.articleSearch(key),
    };
    let update = await updateSearchIndex(input);
    const kept = update.files.filter((file) => file.content === undefined);
    const stillThere = kept.every(({ path: file, key }) =>
      this.write
        ? unchangedOnDiskSync(this.manifest, this.outDir, file, key)
        : sameKey(this.memory.previous.get(file)?.key, key),
    );
    if (!stillThere) update = await updateSearchIndex({ ...input, full: true });
    this.searchState = update.state;
    this.stats.searchFull = update.full;
    this.stats.searchFilesMade = update.files.filter((file) => file.content).length;
    return update.files.map(({ path: file, key, content }) => ({
      path: file,
      key,
      ...(content ? { file: { path: file, content } } : {}),
    }));
  }

  /**
   * Summaries from memory, then from the disk cache; the rest rendered by the workers, in
   * the given order.
   */
  private async renderArticles(
    keyed: { article: Article; key: string; images?: ArticleImages }[],
  ): Promise<{ articles: RenderedArticle[]; keys: Map<Article, string> }> {
    const missing: { article: Article; key: string; images?: ArticleImages }[] = [];
    const cached = await inParallel(keyed, async (job) =>
      this.memory.summaries.has(job.key) ? undefined : this.cache?.readSummary(job.key),
    );
    keyed.forEach((job, index) => {
      const summary = cached[index];
      if (summary) this.memory.summaries.set(job.key, summary);
      if (!this.memory.summaries.has(job.key)) missing.push(job);
    });
    let finished = 0;
    const report = () =>
      this.options.onProgress?.({ phase: 'articles', done: finished, total: missing.length });
    await Promise.all(
      chunks(missing, ARTICLES_PER_TASK).map(async (jobs) => {
        const results = await this.runner.articles({
          kind: 'articles',
          markdown: this.markdown,
          cacheDir: this.cacheDir,
          jobs,
        });
        for (const { key, summary, html, search } of results) {
          this.memory.summaries.set(key, summary);
          if (html !== undefined && search !== undefined)
            this.memory.bodies.set(key, { html, search });
        }
        finished += jobs.length;
        report();
      }),
    );
    this.stats.articlesRendered = missing.length;
    return this.summarized(keyed);
  }

  /** The rendered articles as the site stage takes them: summaries, bodies left out. */
  private summarized(keyed: { article: Article; key: string }[]) {
    const keys = new Map<Article, string>();
    const articles: RenderedArticle[] = keyed.map(({ article, key }) => {
      const summary = this.memory.summaries.get(key)!;
      keys.set(article, key);
      this.stats.formulas += summary.formulaCount;
      this.diagnostics.push(...summary.diagnostics);
      // The same object as long as neither changes: later stages remember work by it.
      const known = this.memory.rendered.get(summary);
      if (known?.article === article) return known;
      // The body stays on disk (or in `bodies`) until its page is rendered.
      const rendered: RenderedArticle = { ...summary, article, html: '' };
      this.memory.rendered.set(summary, rendered);
      return rendered;
    });
    return { articles, keys };
  }

  /**
   * Plan every output file with the key it is made from, keep what is unchanged, render
   * the rest in the workers, and swap the new site in, or leave the old one if anything failed.
   */
  private async output(
    site: Site,
    config: SiteConfig,
    setup: PageSetup,
    templatesKey: (kind: PageSpec['kind']) => string,
    articleKeys: Map<Article, string>,
    assets: KeyedFile[],
    equationLinks: Map<Article, ReferenceResolutions>,
    pending?: Promise<KeyedFile[]>,
  ): Promise<BuildResult> {
    const dataKey = templateDataKeyer(site);
    const plans = site.pages.map((spec) => {
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
      const key = this.write ? sha256(...parts) : parts;
      return { spec, path: spec.path, key, articleKey, equationLinks: links };
    });
    for (const { spec } of plans) {
      if (spec.kind !== 'article') continue;
      const { title, sourcePath, sourceText } = spec.article.rendered.article;
      this.articlePages.push({
        path: spec.path,
        url: spec.url,
        title,
        source: sourcePath,
        sourceText,
      });
    }
    const keep = new Set<string>();
    const outputs = [...plans, ...assets];
    const reusable = await inParallel(outputs, ({ path: file, key }) => this.reusable(file, key));
    outputs.forEach(({ path: file }, index) => {
      if (reusable[index]) keep.add(file);
    });
    const allFiles = [...plans.map((p) => p.path), ...assets.map((a) => a.path)];
    this.stats.pages = plans.length;
    const nothingChanged =
      this.write &&
      pending === undefined &&
      keep.size === allFiles.length &&
      this.manifest !== undefined &&
      Object.keys(this.manifest.files).length === allFiles.length;

    const writer = this.write && !nothingChanged ? await openSiteWriter(this.outDir) : undefined;
    try {
      await this.renderPages(plans, keep, site, config, setup, writer);
      const waitStarted = performance.now();
      const made = (await pending) ?? [];
      this.stats.searchWaitSeconds = (performance.now() - waitStarted) / 1000;
      allFiles.push(...made.map((file) => file.path));
      // Files of the search index it keeps were checked when it was made.
      for (const file of made) if (!file.file) keep.add(file.path);
      // A few at a time (ten thousand search index files at 10,000 articles), recorded in order.
      const written = [...assets, ...made];
      const outputs = await inParallel(written, (asset) => this.outputAsset(asset, keep, writer));
      written.forEach(({ path: file }, index) => this.outputs.set(file, outputs[index]!));
      if (hasErrors(this.diagnostics, this.options.strict)) {
        await writer?.abort();
        return this.finish(1);
      }
      if (writer) await writer.commit();
    } catch (error) {
      await writer?.abort();
      throw error;
    }
    if (writer && this.cacheDir) {
      await writeManifest(
        this.cacheDir,
        this.outDir,
        new Map([...this.outputs].map(([file, o]) => [file, { key: o.key as string, sha: o.sha }])),
      );
    }
    this.stats.filesUnchanged = keep.size;
    this.stats.filesWritten = allFiles.length - keep.size;
    return this.finish(0);
  }

  /** Files made from `key`: the previous build's if they are still as it left them, else made now. */
  private async generated(key: string, make: () => Promise<OutputFile[]>): Promise<KeyedFile[]> {
    const kept = await this.keptGroup(key);
    if (kept) return kept;
    return (await make()).map((file) => ({ path: file.path, key, file }));
  }

  /** The previous build's files made from `key`, if all of them are still there as it left them. */
  private async keptGroup(key: string): Promise<KeyedFile[] | undefined> {
    if (!this.write) {
      const files = [...this.memory.previous].filter(([, output]) => output.key === key);
      if (files.length === 0) return undefined;
      return files.map(([file, output]) => ({ path: file, key, file: output.file }));
    }
    const files = Object.entries(this.manifest?.files ?? {})
      .filter(([, entry]) => entry.key === key)
      .map(([file]) => file);
    if (files.length === 0) return undefined;
    const unchanged = await inParallel(files, (file) => this.reusable(file, key));
    if (unchanged.includes(false)) return undefined;
    return files.map((file) => ({ path: file, key }));
  }

  private async reusable(file: string, key: OutputKey): Promise<boolean> {
    if (!this.write) return sameKey(this.memory.previous.get(file)?.key, key);
    return unchangedOnDisk(this.manifest, this.outDir, file, key as string);
  }

  private async renderPages(
    plans: PagePlan[],
    keep: Set<string>,
    site: Site,
    config: SiteConfig,
    setup: PageSetup,
    writer: SiteWriter | undefined,
  ): Promise<void> {
    const toRender = [];
    const kept = [];
    for (const plan of plans) {
      if (keep.has(plan.path)) {
        const before = this.memory.previous.get(plan.path);
        this.outputs.set(plan.path, before ?? { key: plan.key });
        kept.push(plan.path);
      } else {
        toRender.push(plan);
      }
    }
    // Linked a few at a time: one by one, the 28,500 links of a 10,000-article site took 3–5 s.
    if (writer) await inParallel(kept, (file) => keepPrevious(writer, file));
    this.stats.pagesRendered = toRender.length;
    let done = 0;
    const missing = await this.renderPageChunks(toRender, site, config, setup, writer, (count) => {
      done += count;
      this.options.onProgress?.({ phase: 'pages', done, total: toRender.length });
    });
    if (missing.length === 0) return;
    await this.renderBodiesAgain(missing.map((plan) => plan.articleKey!));
    const stillMissing = await this.renderPageChunks(
      missing,
      site,
      config,
      setup,
      writer,
      () => {},
    );
    if (stillMissing.length > 0) throw new Error(`no rendered body for ${stillMissing[0]!.path}`);
  }

  /** Render pages in the workers, a few chunks in flight; returns the plans whose article body was missing. */
  private async renderPageChunks(
    plans: PagePlan[],
    site: Site,
    config: SiteConfig,
    setup: PageSetup,
    writer: SiteWriter | undefined,
    onDone: (count: number) => void,
  ): Promise<PagePlan[]> {
    const byPath = new Map(plans.map((plan) => [plan.path, plan]));
    const missing: PagePlan[] = [];
    // Template data is rebuilt per chunk so that no more than a few chunks of it are alive at once.
    const tasks = chunks(plans, PAGES_PER_TASK);
    const inFlight = Math.max(2, this.runner.threads * 2);
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
            const body = this.memory.bodies.get(plan.articleKey);
            if (body !== undefined) job.articleHtml = body.html;
          }
          if (plan.equationLinks) job.equationLinks = plan.equationLinks;
          return job;
        });
        const result = await this.runner.pages({
          kind: 'pages',
          setup,
          cacheDir: this.cacheDir,
          outDir: writer?.stagingDir,
          jobs,
        });
        this.diagnostics.push(...result.diagnostics);
        for (const page of result.pages) {
          this.outputs.set(page.path, {
            key: byPath.get(page.path)!.key,
            file: page.file,
          });
        }
        for (const file of result.missing) missing.push(byPath.get(file)!);
        onDone(chunk.length);
      }
    };
    await together(Math.min(inFlight, tasks.length), worker);
    return missing;
  }

  /** Bodies whose cache entry went missing or was damaged: render them again and repair the cache. */
  private async renderBodiesAgain(keys: string[]): Promise<void> {
    const jobs = [...new Set(keys)].map((key) => {
      const images = this.imagesByKey.get(key);
      return { key, article: this.articleByKey.get(key)!, ...(images ? { images } : {}) };
    });
    const results = await this.runner.articles({
      kind: 'articles',
      markdown: this.markdown,
      jobs,
    });
    for (const { key, summary, html, search } of results) {
      this.memory.bodies.set(key, { html: html!, search: search! });
      await this.cache?.write(key, summary, html!, search!);
    }
  }

  private async outputAsset(
    { path: file, key, file: content }: KeyedFile,
    keep: Set<string>,
    writer: SiteWriter | undefined,
  ): Promise<PreviousOutput> {
    let sha: string | undefined;
    if (keep.has(file)) {
      if (writer) await keepPrevious(writer, file);
    } else if (!content) {
      throw new Error(`${file} was to be kept from the previous build, but it changed`);
    } else if (writer) {
      // Read once: hashed, then written from the same bytes.
      const bytes = await outputFileBytes(content);
      sha = contentHash(bytes);
      // The same bytes from a new key (most of the search index after an edit) keep the
      // old file and its modification time.
      const same = await sameBytesOnDisk(this.manifest, this.outDir, file, sha);
      if (same && (await writer.keep(file))) keep.add(file);
      else await writer.write(file, bytes);
    }
    const kept = this.memory.previous.get(file);
    return {
      key,
      file: this.write ? undefined : (content ?? kept?.file),
      ...(sha ? { sha } : {}),
    };
  }

  private finish(exitCode: BuildResult['exitCode']): BuildResult {
    const diagnostics = sortDiagnostics(uniqueDiagnostics(this.diagnostics));
    const files: OutputFile[] = [];
    if (exitCode === 0 && !this.write) {
      for (const output of this.outputs.values()) if (output.file) files.push(output.file);
    }
    const result: BuildResult = {
      exitCode,
      diagnostics,
      sources: this.sources,
      stats: this.stats,
      files,
      changed: [],
    };
    if (this.basePath !== undefined) result.basePath = this.basePath;
    if (exitCode === 0) result.articlePages = this.articlePages;
    return result;
  }
}

/** A file found unchanged a moment ago must still be there: a site without it is incomplete. */
async function keepPrevious(writer: SiteWriter, file: string): Promise<void> {
  if (!(await writer.keep(file))) {
    throw new Error(`${file} was to be kept from the previous build, but it is gone`);
  }
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** A copied file is unchanged while its source's path, size and modification time are. */
async function assetKey(file: OutputFile): Promise<string> {
  if (!('copyFrom' in file)) {
    return createHash('sha1')
      .update('content' in file ? file.content : file.gzipped)
      .digest('hex');
  }
  const info = await stat(file.copyFrom);
  return `copy:${file.copyFrom}:${info.size}:${info.mtimeMs}`;
}

/**
 * Bodies are typeset when their article is rendered; a formula rendered again with links
 * to another part of its series is not, and a display among them must still take focus.
 */
function typesetResolutions(resolutions: ReferenceResolutions): ReferenceResolutions {
  const typeset: ReferenceResolutions = {};
  for (const [id, resolution] of Object.entries(resolutions)) {
    typeset[Number(id)] =
      resolution.kind === 'html'
        ? { kind: 'html', html: focusableDisplays(resolution.html) }
        : resolution;
  }
  return typeset;
}

/** Files looked at at once: enough to keep the disk busy, few enough for the file handles. */
const FILES_AT_ONCE = 64;

/** `work` on every item, `FILES_AT_ONCE` at a time; results in the items' order. */
async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (going: () => boolean) => {
    while (next < items.length && going()) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await together(Math.min(FILES_AT_ONCE, items.length), worker);
  return results;
}

/**
 * `count` loops at once. After one fails the others take no more work, and all have
 * stopped before its error is thrown: a staging folder is removed only once nothing
 * writes into it any more.
 */
async function together(
  count: number,
  loop: (going: () => boolean) => Promise<void>,
): Promise<void> {
  let failed = false;
  const going = () => !failed;
  const results = await Promise.allSettled(
    Array.from({ length: count }, () =>
      loop(going).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function changedPaths(
  before: Map<string, PreviousOutput>,
  after: Map<string, PreviousOutput>,
): string[] {
  const changed = [...after]
    .filter(([file, output]) => !sameOutput(before.get(file), output))
    .map(([file]) => file);
  const removed = [...before.keys()].filter((file) => !after.has(file));
  return [...changed, ...removed].sort();
}

/**
 * In memory a page is compared by its bytes (a new key may give the same page: the
 * browser need not reload), compressed ones by theirs; on disk by the hash of its bytes
 * where both builds made it in memory, else by its key.
 */
function sameOutput(before: PreviousOutput | undefined, after: PreviousOutput): boolean {
  if (!before) return false;
  if (before.sha !== undefined && before.sha === after.sha) return true;
  const [a, b] = [heldBytes(before.file), heldBytes(after.file)];
  if (a !== undefined && b !== undefined) {
    // A kept page is the very same object: no need to look at its bytes.
    if (a === b) return true;
    if (typeof a === 'string' && typeof b === 'string') return false;
    if (typeof a !== 'string' && typeof b !== 'string') {
      return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
    }
  }
  return sameKey(before.key, after.key);
}

function heldBytes(file: OutputFile | undefined): string | Uint8Array | undefined {
  if (file === undefined || 'copyFrom' in file) return undefined;
  return 'gzipped' in file ? file.gzipped : file.content;
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
