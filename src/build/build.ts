import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, type SiteConfig } from '../config/index.js';
import { loadArticles, readSources, type Article } from '../content/index.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { createMathEngine } from '../math/index.js';
import { createMarkdownRenderer, type RenderedArticle } from '../markdown/index.js';
import { katexAssets, publicFiles, writeSite, type OutputFile } from '../output/index.js';
import { createRenderer, loadTemplates } from '../render/index.js';
import { buildSite, type Site } from '../site/index.js';

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
}

export interface BuildStats {
  articles: number;
  pages: number;
  formulas: number;
  distinctFormulas: number;
  filesWritten: number;
  filesUnchanged: number;
  seconds: number;
}

export interface BuildResult {
  /** 0 built, 1 content errors (nothing written), 2 configuration errors. */
  exitCode: 0 | 1 | 2;
  diagnostics: Diagnostic[];
  /** Source texts by diagnostic file name, for code frames. */
  sources: Map<string, string>;
  stats: BuildStats;
  /** The whole site, when the build succeeded. */
  files: OutputFile[];
  /** Output paths added, changed or removed since the builder's previous successful build. */
  changed: string[];
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
}

/** One-shot build, as `sugaku build` runs it. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  return createBuilder(options).build();
}

/**
 * A builder remembers its previous build, so the dev server can ask for a rebuild after
 * every change and learn which output files changed.
 */
export function createBuilder(options: BuildOptions): Builder {
  let previous = new Map<string, string>();
  return {
    async build() {
      const result = await buildOnce(options);
      if (result.exitCode !== 0) return result;
      const current = fingerprints(result.files);
      result.changed = changedPaths(previous, current);
      previous = current;
      return result;
    },
  };
}

/**
 * One full build: config → content → markdown+math → site → render → output.
 * Diagnostics from every stage are collected; if any is an error (or, with `strict`,
 * a warning) nothing is written and the previous output stays as it was.
 */
async function buildOnce(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const sources = new Map<string, string>();
  const stats: BuildStats = {
    articles: 0,
    pages: 0,
    formulas: 0,
    distinctFormulas: 0,
    filesWritten: 0,
    filesUnchanged: 0,
    seconds: 0,
  };
  const finish = (
    exitCode: BuildResult['exitCode'],
    diagnostics: Diagnostic[],
    files: OutputFile[] = [],
  ): BuildResult => {
    stats.seconds = (performance.now() - started) / 1000;
    return { exitCode, diagnostics: sortDiagnostics(diagnostics), sources, stats, files, changed: [] };
  };

  const configured = await loadConfig(options.configPath, options.cwd, { basePath: options.basePath });
  if (!configured.config || hasErrors(configured.diagnostics)) return finish(2, configured.diagnostics);
  const config = configured.config;
  const diagnostics = [...configured.diagnostics];

  const read = await readSources(path.resolve(options.cwd, options.contentDir), options.cwd);
  diagnostics.push(...read.diagnostics);
  for (const source of read.sources) sources.set(source.path, source.text);
  const loaded = loadArticles(read.sources, config, { drafts: options.drafts });
  diagnostics.push(...loaded.diagnostics);

  const rendered = renderArticles(loaded.articles, config);
  for (const article of rendered.articles) {
    stats.formulas += article.formulaCount;
    diagnostics.push(...article.diagnostics);
  }
  stats.distinctFormulas = rendered.distinctFormulas;

  const site = buildSite(rendered.articles, config);
  const pages = await renderPages(site, config, options);
  diagnostics.push(...pages.diagnostics);
  for (const [file, text] of pages.templateSources) sources.set(file, text);

  stats.articles = site.articles.length;
  stats.pages = pages.files.length;
  if (hasErrors(diagnostics, options.strict)) return finish(1, diagnostics);

  const files: OutputFile[] = [
    ...(await katexAssets()),
    ...(await publicFiles(path.resolve(options.cwd, options.publicDir))),
    ...pages.files,
  ];
  if (options.write !== false) {
    const report = await writeSite(path.resolve(options.cwd, options.outDir), files);
    stats.filesWritten = report.written;
    stats.filesUnchanged = report.unchanged;
  }
  return finish(0, diagnostics, files);
}

function renderArticles(articles: readonly Article[], config: SiteConfig) {
  const math = createMathEngine();
  const markdown = createMarkdownRenderer(math, { macros: config.macros });
  const rendered: RenderedArticle[] = articles.map((article) => markdown.render(article));
  return { articles: rendered, distinctFormulas: math.distinctFormulas };
}

async function renderPages(site: Site, config: SiteConfig, options: BuildOptions) {
  const templatesDir = path.resolve(options.cwd, options.templatesDir);
  const sourceDir = path.relative(options.cwd, templatesDir).split(path.sep).join('/') || '.';
  const templates = await loadTemplates(templatesDir);
  const renderer = createRenderer(templates, config, { sourceDir });
  const diagnostics: Diagnostic[] = [];
  const files: OutputFile[] = [];
  for (const spec of site.pages) {
    const page = renderer.renderPage(spec, site);
    diagnostics.push(...page.diagnostics);
    if (page.html !== undefined) files.push({ path: spec.path, content: page.html });
  }
  const templateSources = new Map(
    Object.entries(templates).map(([name, text]) => [`${sourceDir}/${name}`, text] as const),
  );
  return { files, diagnostics: uniqueDiagnostics(diagnostics), templateSources };
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

function fingerprints(files: readonly OutputFile[]): Map<string, string> {
  return new Map(
    files.map((file) => [
      file.path,
      'copyFrom' in file ? `file:${file.copyFrom}` : createHash('sha1').update(file.content).digest('hex'),
    ]),
  );
}

function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = [...after].filter(([file, hash]) => before.get(file) !== hash).map(([file]) => file);
  const removed = [...before.keys()].filter((file) => !after.has(file));
  return [...changed, ...removed].sort();
}
