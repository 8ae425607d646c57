import type { SiteConfig } from '../config/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { parseArticle, type ArticleResult, type UnknownFrontMatterKey } from './article.js';
import { frontMatterKeys } from './schema.js';
import type { Article, SourceFile } from './types.js';

export interface LoadOptions {
  /** Keep articles with `draft: true` (`sugaku build --drafts`, `sugaku dev`). */
  drafts: boolean;
  /** Parses one source; a long-lived builder passes a memoised `parseArticle`. */
  parse?: (source: SourceFile, config: SiteConfig) => ArticleResult;
}

export interface ArticlesResult {
  /** Sorted by source path. */
  articles: Article[];
  diagnostics: Diagnostic[];
}

/**
 * Parse every source, drop drafts unless asked for, reject slugs that collide, and warn once
 * about each unknown front-matter key. Pure.
 */
export function loadArticles(
  sources: readonly SourceFile[],
  config: SiteConfig,
  options: LoadOptions,
): ArticlesResult {
  const results = [...sources]
    .sort((a, b) => compare(a.path, b.path))
    .map((source) => (options.parse ?? parseArticle)(source, config));
  const articles = results
    .flatMap((result) => (result.article ? [result.article] : []))
    .filter((article) => options.drafts || !article.draft);
  return {
    articles,
    diagnostics: [
      ...results.flatMap((result) => result.diagnostics),
      ...unknownKeyWarnings(results),
      ...slugCollisions(articles),
    ],
  };
}

/** How many other files an unknown-key warning names before it only counts them. */
const FILES_NAMED = 5;

/**
 * One warning per unknown key, at its first use with the other files named: a folder of
 * articles moved from another tool shares its keys, and a warning per key per article
 * buried the few that mattered (265 for 56 articles from Zenn).
 */
function unknownKeyWarnings(results: readonly ArticleResult[]): Diagnostic[] {
  const uses = new Map<string, UnknownFrontMatterKey[]>();
  for (const key of results.flatMap((result) => result.unknownKeys ?? [])) {
    uses.set(key.name, [...(uses.get(key.name) ?? []), key]);
  }
  return [...uses.values()].map(([first, ...others]): Diagnostic => {
    const { name, file, line, column, suggestion } = first!;
    const named = others.slice(0, FILES_NAMED).map((use) => `${use.file}:${use.line}`);
    const more = others.length - named.length;
    const where = others.length === 0 ? '' : ` of ${others.length + 1} articles`;
    const also =
      others.length === 0
        ? ''
        : ` (also in ${more === 0 ? listInWords(named) : `${named.join(', ')} and ${more} more`})`;
    return {
      file,
      line,
      column,
      severity: 'warning',
      code: 'front-matter/unknown-key',
      message: `Unknown key \`${name}\` in the front matter${where}; it is ignored${also}`,
      hint: suggestion
        ? `Did you mean \`${suggestion}\`?`
        : `Known keys: ${frontMatterKeys.join(', ')}.`,
    };
  });
}

/**
 * Two articles with one slug would write the same page. Slugs that differ only in case collide
 * too, on the case-insensitive file systems of macOS and Windows.
 */
function slugCollisions(articles: readonly Article[]): Diagnostic[] {
  const bySlug = new Map<string, Article[]>();
  for (const article of articles) {
    const key = article.slug.toLowerCase();
    bySlug.set(key, [...(bySlug.get(key) ?? []), article]);
  }
  return [...bySlug.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) => {
      const files = listInWords(group.map((article) => article.sourcePath));
      const slugs = [...new Set(group.map((article) => article.slug))];
      const message =
        slugs.length === 1
          ? `${files} ${group.length === 2 ? 'both have' : 'all have'} slug "${slugs[0]}"`
          : `${files} have slugs ${listInWords(slugs.map((slug) => `"${slug}"`))}, which differ only in case and would be the same page on macOS and Windows`;
      return group.map((article): Diagnostic => ({
        file: article.sourcePath,
        line: article.fieldPositions?.slug?.line ?? 1,
        column: article.fieldPositions?.slug?.column ?? 1,
        severity: 'error',
        code: 'content/duplicate-slug',
        message,
        hint: 'Give each article its own `slug:` in the front matter, or rename one of the files.',
      }));
    });
}

function listInWords(items: readonly string[]): string {
  return items.length <= 2
    ? items.join(' and ')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
