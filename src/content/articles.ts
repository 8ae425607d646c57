import type { SiteConfig } from '../config/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { parseArticle, type ArticleResult, type UnknownFrontMatterKey } from './article.js';
import { nameSlug, portableSegment, segmentCollisionKey } from './portable-name.js';
import { frontMatterKeys } from './schema.js';
import type { Article, SourceFile } from '../model/index.js';

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
      ...nameCollisions(articles, 'tags', (article) => article.tags),
      ...nameCollisions(articles, 'series', (article) => (article.series ? [article.series] : [])),
      ...nameCollisions(
        articles,
        'author',
        (article) => article.authors,
        (name) =>
          // Configured ids are their own folder name; a display name is made one.
          Object.hasOwn(config.authors, name) ? name : nameSlug(name),
      ),
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
 * too, on the case-insensitive file systems of macOS and Windows, and so do slugs that become
 * the same folder name once made safe on every system (`a:b` and `a-b`).
 */
function slugCollisions(articles: readonly Article[]): Diagnostic[] {
  const bySlug = new Map<string, Article[]>();
  for (const article of articles) {
    const key = folderKey(article.slug);
    bySlug.set(key, [...(bySlug.get(key) ?? []), article]);
  }
  return [...bySlug.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) => {
      const files = listInWords(group.map((article) => article.sourcePath));
      const slugs = [...new Set(group.map((article) => article.slug))];
      const quoted = listInWords(slugs.map((slug) => `"${slug}"`));
      const message =
        slugs.length === 1
          ? `${files} ${group.length === 2 ? 'both have' : 'all have'} slug "${slugs[0]}"`
          : new Set(slugs.map((slug) => slug.toLowerCase())).size === 1
            ? `${files} have slugs ${quoted}, which differ only in case and would be the same page on macOS and Windows`
            : `${files} have slugs ${quoted}, which would be the same folder posts/${portableSegment(slugs[0]!)}/ on Windows or macOS`;
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

/**
 * Tags, series or authors written two ways that would be one folder on macOS or Windows (`TeX`
 * and `tex`, or two long names alike up to where they are shortened). The site gives the
 * second a numbered URL; the author is told, with the articles that use each spelling.
 */
function nameCollisions(
  articles: readonly Article[],
  field: 'tags' | 'series' | 'author',
  namesOf: (article: Article) => readonly string[],
  folderOf: (name: string) => string = (name) => name,
): Diagnostic[] {
  const firstUse = new Map<string, Article>();
  const byFolder = new Map<string, string[]>();
  for (const article of articles) {
    for (const written of namesOf(article)) {
      // `山田 花子` and `山田  花子` are one author, not two spellings.
      const name = written.trim().replace(/\s+/g, ' ');
      if (name === '' || firstUse.has(name)) continue;
      firstUse.set(name, article);
      const key = folderKey(folderOf(name));
      byFolder.set(key, [...(byFolder.get(key) ?? []), name]);
    }
  }
  const { title, noun, folder } = NAMED[field];
  return [...byFolder.values()]
    .filter((names) => names.length > 1)
    .flatMap((names) => {
      const uses = listInWords(
        names.map((name) => `"${name}" (${firstUse.get(name)!.sourcePath})`),
      );
      const message = `${title} ${uses} would be one folder ${folder}/${portableSegment(folderOf(names[0]!))}/ on macOS or Windows; all but the first get a numbered URL`;
      return names.map((name): Diagnostic => {
        const article = firstUse.get(name)!;
        return {
          file: article.sourcePath,
          line: article.fieldPositions?.[field]?.line ?? 1,
          column: article.fieldPositions?.[field]?.column ?? 1,
          severity: 'warning',
          code: `content/${noun.split(' ')[0]}-folder-clash`,
          message,
          hint: `Write the ${noun} the same way in every article.`,
        };
      });
    });
}

const NAMED = {
  tags: { title: 'Tags', noun: 'tag', folder: 'tags' },
  series: { title: 'Series', noun: 'series name', folder: 'series' },
  author: { title: 'Authors', noun: 'author name', folder: 'authors' },
} as const;

/** Two names with one key are one folder somewhere: the same once made safe, up to case. */
function folderKey(name: string): string {
  return segmentCollisionKey(portableSegment(name));
}

function listInWords(items: readonly string[]): string {
  return items.length <= 2
    ? items.join(' and ')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
