import {
  issueDiagnostics,
  located,
  positionAt,
  topLevelPositions,
  unknownKeyWarnings,
  type SiteConfig,
  type YamlMapping,
} from '../config/index.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { ACCEPTED_DATE_FORMS, readDate } from './dates.js';
import { splitFrontMatter, type FrontMatter } from './front-matter.js';
import {
  frontMatterKeyAliases,
  frontMatterKeys,
  frontMatterRules,
  frontMatterSchema,
  urlSegmentProblem,
  type FrontMatterData,
} from './schema.js';
import type { Article, SourceFile } from './types.js';

export interface ArticleResult {
  /** Absent when there is any error. */
  article?: Article;
  diagnostics: Diagnostic[];
}

const FRONT_MATTER_EXAMPLE =
  'start the file with `---`, `title: 記事のタイトル`, `date: 2025-05-20` and `---`, each on its own line';

/** Check the front matter of one source file and type it. Pure. */
export function parseArticle(source: SourceFile, config: SiteConfig): ArticleResult {
  const { article, diagnostics } = validate(source, config);
  return { ...(article ? { article } : {}), diagnostics: sortDiagnostics(diagnostics) };
}

/** The text an article is read from: BOM removed, line endings `\n`. */
function normalizedText(source: SourceFile): string {
  return source.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * `parseArticle`'s result as plain JSON, without the source text it can be read back from:
 * what a build keeps on disk so that a warm build in a new process parses no YAML.
 * Undefined when the result cannot be stored that way.
 */
export function storedArticleResult(result: ArticleResult): StoredArticleResult | undefined {
  const { article, diagnostics } = result;
  if (!article) return { diagnostics };
  const { sourceText, body, date, updated, ...rest } = article;
  if (!sourceText.endsWith(body)) return undefined;
  return {
    diagnostics,
    article: {
      ...rest,
      date: date.toISOString(),
      ...(updated ? { updated: updated.toISOString() } : {}),
      bodyStart: sourceText.length - body.length,
    },
  };
}

/** The result `storedArticleResult` kept, for the same source file. */
export function restoredArticleResult(
  source: SourceFile,
  stored: StoredArticleResult,
): ArticleResult {
  if (!stored.article) return { diagnostics: stored.diagnostics };
  const { date, updated, bodyStart, ...rest } = stored.article;
  const text = normalizedText(source);
  return {
    diagnostics: stored.diagnostics,
    article: {
      ...rest,
      sourceText: text,
      body: text.slice(bodyStart),
      date: new Date(date),
      ...(updated === undefined ? {} : { updated: new Date(updated) }),
    },
  };
}

export interface StoredArticleResult {
  diagnostics: Diagnostic[];
  article?: Omit<Article, 'sourceText' | 'body' | 'date' | 'updated'> & {
    date: string;
    updated?: string;
    bodyStart: number;
  };
}

function validate(source: SourceFile, config: SiteConfig): ArticleResult {
  const text = normalizedText(source);
  const binary = binaryProblem(source, text);
  if (binary) return { diagnostics: [binary] };

  const split = splitFrontMatter(text, source.path);
  const frontMatter = split.frontMatter;
  if (!frontMatter) return { diagnostics: split.diagnostics };
  const diagnostics = [...split.diagnostics];
  const mapping = frontMatter.mapping;

  // `tags:` with nothing after it is an optional key left blank, not a wrong type.
  const written = Object.fromEntries(
    Object.entries(mapping?.data ?? {}).filter(
      ([key, value]) => value !== null || key === 'title' || key === 'date',
    ),
  );
  let data: FrontMatterData = {};
  if (mapping) {
    diagnostics.push(...unknownKeyWarnings(mapping, [], frontMatterKeys, frontMatterKeyAliases));
    const parsed = frontMatterSchema.safeParse(written);
    if (parsed.success) data = parsed.data;
    else diagnostics.push(...issueDiagnostics(mapping, parsed.error.issues, frontMatterRules));
  }

  const missing = missingKeys(source.path, text, frontMatter, Object.keys(written));
  // Read from what was written, so a bad date is reported even when another key has a wrong type.
  const date = dateAt(mapping, 'date', written.date, config);
  const updated = dateAt(mapping, 'updated', written.updated, config);
  const slug = data.slug ?? defaultSlug(source.path);
  diagnostics.push(...missing, ...problems(date), ...problems(updated));
  diagnostics.push(...defaultSlugProblems(source.path, data.slug === undefined ? slug : undefined));
  if (mapping) diagnostics.push(...consistencyWarnings(mapping, data, date, updated));

  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  if (data.title === undefined || !(date && 'date' in date)) return { diagnostics };

  const article: Article = {
    sourcePath: source.path,
    sourceText: text,
    slug,
    title: data.title,
    date: date.date,
    ...(updated && 'date' in updated ? { updated: updated.date } : {}),
    tags: [...new Set(data.tags ?? [])],
    authors: data.author ?? (config.defaultAuthor === undefined ? [] : [config.defaultAuthor]),
    ...(data.description === undefined ? {} : { description: data.description }),
    ...(data.series === undefined ? {} : { series: data.series }),
    ...(data.part === undefined ? {} : { part: data.part }),
    draft: data.draft ?? false,
    ...(data.cover === undefined ? {} : { cover: data.cover }),
    macros: data.macros ?? {},
    body: frontMatter.body,
    bodyLine: frontMatter.bodyLine,
    fieldPositions: mapping ? topLevelPositions(mapping) : {},
  };
  return { article, diagnostics };
}

/** A NUL byte: an image or other binary file saved with a `.md` name. */
function binaryProblem(source: SourceFile, text: string): Diagnostic | undefined {
  const nul = text.indexOf('\0');
  if (nul === -1) return undefined;
  return {
    file: source.path,
    ...positionAt(text, nul),
    severity: 'error',
    code: 'source/binary',
    message: 'This file contains a NUL byte, so it is a binary file, not Markdown text',
    hint: 'Keep only Markdown files under posts/; images and other files belong in public/.',
  };
}

function missingKeys(
  file: string,
  text: string,
  frontMatter: FrontMatter,
  writtenKeys: readonly string[],
): Diagnostic[] {
  const why =
    text.trim() === ''
      ? 'The file is empty'
      : frontMatter.kind === 'none'
        ? 'The file has no front matter (a block between `---` lines at the top)'
        : undefined;
  const missing = (key: 'title' | 'date', example: string): Diagnostic => ({
    file,
    line: frontMatter.closingLine,
    column: 1,
    severity: 'error',
    code: `front-matter/missing-${key}`,
    message: why ? `${why}, so the article has no \`${key}\`` : `The article has no \`${key}\``,
    hint: why
      ? `Every article needs a title and a date: ${FRONT_MATTER_EXAMPLE}.`
      : `Add \`${example}\` to the front matter.`,
  });
  return [
    ...(writtenKeys.includes('title') ? [] : [missing('title', 'title: 記事のタイトル')]),
    ...(writtenKeys.includes('date') ? [] : [missing('date', 'date: 2025-05-20')]),
  ];
}

type DateAtKey = { date: Date } | { diagnostic: Diagnostic };

function dateAt(
  mapping: YamlMapping | undefined,
  key: 'date' | 'updated',
  text: unknown,
  config: SiteConfig,
): DateAtKey | undefined {
  if (!mapping || typeof text !== 'string') return undefined;
  const reading = readDate(text, config.timeZone);
  if ('date' in reading) return reading;
  return {
    diagnostic: {
      ...located(mapping, [key]),
      severity: 'error',
      code: 'front-matter/invalid-date',
      message: `\`${key}\`: ${reading.problem}`,
      hint: `Write ${ACCEPTED_DATE_FORMS}; without an offset the time is read in ${config.timeZone}.`,
    },
  };
}

function problems(reading: DateAtKey | undefined): Diagnostic[] {
  return reading && 'diagnostic' in reading ? [reading.diagnostic] : [];
}

/**
 * `content/posts/2025/対数.md` → `対数`, and an article kept as a folder with its figures,
 * `content/posts/グラフ/index.md`, → `グラフ`. macOS may hand us the name in NFD.
 */
function defaultSlug(path: string): string {
  const parts = path.split('/');
  const name = parts.at(-1) === 'index.md' && parts.length > 1 ? parts.at(-2)! : parts.at(-1)!;
  return name.replace(/\.md$/, '').normalize('NFC');
}

function defaultSlugProblems(path: string, slug: string | undefined): Diagnostic[] {
  const problem = slug === undefined ? undefined : urlSegmentProblem(slug);
  if (!problem) return [];
  return [
    {
      file: path,
      line: 1,
      column: 1,
      severity: 'error',
      code: 'front-matter/invalid-slug',
      message: `The slug taken from the file name ${problem}, got ${JSON.stringify(slug)}`,
      hint: 'Rename the file, or set `slug:` in the front matter, e.g. `slug: log-derivative`.',
    },
  ];
}

function consistencyWarnings(
  mapping: YamlMapping,
  data: FrontMatterData,
  date: DateAtKey | undefined,
  updated: DateAtKey | undefined,
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  if (data.part !== undefined && data.series === undefined) {
    warnings.push({
      ...located(mapping, ['part']),
      severity: 'warning',
      code: 'front-matter/part-without-series',
      message: '`part` has no effect without `series`',
      hint: 'Add the series name, e.g. `series: 微分入門`, or remove `part`.',
    });
  }
  if (date && 'date' in date && updated && 'date' in updated && updated.date < date.date) {
    warnings.push({
      ...located(mapping, ['updated']),
      severity: 'warning',
      code: 'front-matter/updated-before-date',
      message: '`updated` is earlier than `date`',
      hint: '`updated` is when the article was last changed; it should be on or after `date`.',
    });
  }
  return warnings;
}
