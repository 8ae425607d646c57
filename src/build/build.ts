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
}

/**
 * One full build: config → content → markdown+math → site → render → output.
 * Diagnostics from every stage are collected; if any is an error (or, with `strict`,
 * a warning) nothing is written and the previous output stays as it was.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
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
  const finish = (exitCode: BuildResult['exitCode'], diagnostics: Diagnostic[]): BuildResult => {
    stats.seconds = (performance.now() - started) / 1000;
    return { exitCode, diagnostics: sortDiagnostics(diagnostics), sources, stats };
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
  const report = await writeSite(path.resolve(options.cwd, options.outDir), files);
  stats.filesWritten = report.written;
  stats.filesUnchanged = report.unchanged;
  return finish(0, diagnostics);
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
