import {
  issueDiagnostics,
  located,
  positionAt,
  topLevelPositions,
  unknownKeys,
  type SiteConfig,
  type YamlMapping,
} from '../config/index.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import type { SourcePosition } from '../model/index.js';
import { ACCEPTED_DATE_FORMS, readDate } from './dates.js';
import { splitFrontMatter, type FrontMatter } from './front-matter.js';
import {
  borrowedKeys,
  frontMatterKeyAliases,
  frontMatterKeys,
  ignoredKeys,
  frontMatterRules,
  frontMatterSchema,
  urlSegmentProblem,
  type FrontMatterData,
} from './schema.js';
import type { Article, SourceFile } from '../model/index.js';

export interface ArticleResult {
  /** Absent when there is any error. */
  article?: Article;
  diagnostics: Diagnostic[];
  /**
   * Front-matter keys sugaku does not know. Not warned about here: `loadArticles` sees every
   * article and warns once per key, naming the files that use it.
   */
  unknownKeys?: UnknownFrontMatterKey[];
}

/** A key sugaku does not know, where it is written, and the known key it probably means. */
export interface UnknownFrontMatterKey {
  name: string;
  file: string;
  line: number;
  column: number;
  suggestion?: string;
}

const acceptedKeys: readonly string[] = [...frontMatterKeys, ...borrowedKeys, ...ignoredKeys];

const FRONT_MATTER_EXAMPLE =
  'start the file with `---`, `title: 記事のタイトル`, `date: 2025-05-20` and `---`, each on its own line';

/** Check the front matter of one source file and type it. Pure. */
export function parseArticle(source: SourceFile, config: SiteConfig): ArticleResult {
  const { article, diagnostics, unknownKeys } = validate(source, config);
  return {
    ...(article ? { article } : {}),
    diagnostics: sortDiagnostics(diagnostics),
    ...(unknownKeys?.length ? { unknownKeys } : {}),
  };
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
  const { article, diagnostics, unknownKeys } = result;
  const unknown = unknownKeys ? { unknownKeys } : {};
  if (!article) return { diagnostics, ...unknown };
  const { sourceText, body, date, updated, ...rest } = article;
  if (!sourceText.endsWith(body)) return undefined;
  return {
    diagnostics,
    ...unknown,
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
  const unknown = stored.unknownKeys ? { unknownKeys: stored.unknownKeys } : {};
  if (!stored.article) return { diagnostics: stored.diagnostics, ...unknown };
  const { date, updated, bodyStart, ...rest } = stored.article;
  const text = normalizedText(source);
  return {
    diagnostics: stored.diagnostics,
    ...unknown,
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
  unknownKeys?: UnknownFrontMatterKey[];
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

  const written = Object.fromEntries(
    Object.entries(mapping?.data ?? {}).filter(([key, value]) => isWritten(key, value)),
  );
  let data: FrontMatterData = {};
  const unknown = mapping
    ? unknownKeys(mapping, [], acceptedKeys, frontMatterKeyAliases).map(
        ({ name, position, suggestion }) => ({
          name,
          file: source.path,
          ...position,
          ...(suggestion === undefined ? {} : { suggestion }),
        }),
      )
    : [];
  if (mapping) {
    const parsed = frontMatterSchema.safeParse(written);
    if (parsed.success) data = parsed.data;
    else diagnostics.push(...issueDiagnostics(mapping, parsed.error.issues, frontMatterRules));
  }

  const missing = missingKeys(source.path, text, frontMatter, Object.keys(written));
  // Read from what was written, so a bad date is reported even when another key has a wrong type.
  const readAt = (key: DateKey) => dateAt(mapping, key, written[key], config);
  const date = oneDate(mapping, readAt('date'), readAt('published_at'));
  const updated = oneDate(mapping, readAt('updated'), readAt('updated_at'));
  const slug = data.slug ?? defaultSlug(source.path);
  diagnostics.push(...missing, ...date.diagnostics, ...updated.diagnostics);
  diagnostics.push(...defaultSlugProblems(source.path, data.slug === undefined ? slug : undefined));
  if (mapping) diagnostics.push(...consistencyWarnings(mapping, data, date, updated));

  if (diagnostics.some((d) => d.severity === 'error') || data.title === undefined || !date.date) {
    return { diagnostics, unknownKeys: unknown };
  }

  const article: Article = {
    sourcePath: source.path,
    sourceText: text,
    slug,
    title: data.title,
    date: date.date,
    ...(updated.date ? { updated: updated.date } : {}),
    tags: [...new Set([...(data.tags ?? []), ...(data.topics ?? [])])],
    authors: data.author ?? (config.defaultAuthor === undefined ? [] : [config.defaultAuthor]),
    ...(data.description === undefined ? {} : { description: data.description }),
    ...(data.series === undefined ? {} : { series: data.series }),
    ...(data.part === undefined ? {} : { part: data.part }),
    draft: isDraft(data),
    ...(data.cover === undefined ? {} : { cover: data.cover }),
    macros: data.macros ?? {},
    body: frontMatter.body,
    bodyLine: frontMatter.bodyLine,
    fieldPositions: mapping ? fieldPositions(mapping) : {},
  };
  return { article, diagnostics, unknownKeys: unknown };
}

/**
 * Whether a key was written with a value. `tags:` with nothing after it is an optional key left
 * blank, not a wrong type; Zenn and Qiita leave `published_at: ''` and `updated_at: ''` for
 * "not yet".
 */
function isWritten(key: string, value: unknown): boolean {
  if (key === 'title' || key === 'date') return true;
  if (key === 'published_at' || key === 'updated_at') return value !== null && value !== '';
  return value !== null;
}

/** A draft if either key says the article is not ready: `draft: true` or `published: false`. */
function isDraft(data: FrontMatterData): boolean {
  return data.draft === true || data.published === false;
}

/** Where each key's value starts; Zenn's and Qiita's keys also stand for ours when ours is absent. */
function fieldPositions(mapping: YamlMapping): Record<string, SourcePosition> {
  const positions = topLevelPositions(mapping);
  const standsFor = { topics: 'tags', published_at: 'date', updated_at: 'updated' } as const;
  for (const [theirs, ours] of Object.entries(standsFor)) {
    const position = positions[theirs];
    if (position && !positions[ours]) positions[ours] = position;
  }
  return positions;
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
      : `Add \`${example}\` to the front matter.${key === 'date' ? IMPORT_HINT : ''}`,
  });
  const hasDate = writtenKeys.includes('date') || writtenKeys.includes('published_at');
  return [
    ...(writtenKeys.includes('title') ? [] : [missing('title', 'title: 記事のタイトル')]),
    ...(hasDate ? [] : [missing('date', 'date: 2025-05-20 09:00')]),
  ];
}

/** The build never guesses a date (a file's time would change with every checkout). */
const IMPORT_HINT =
  ' Articles from Zenn or Qiita: `sugaku import zenn <repo>` or `sugaku import qiita <folder>` writes each date from the git history.';

type DateKey = 'date' | 'published_at' | 'updated' | 'updated_at';
type DateAtKey = { key: DateKey; text: string; date: Date } | { diagnostic: Diagnostic };

function dateAt(
  mapping: YamlMapping | undefined,
  key: DateKey,
  text: unknown,
  config: SiteConfig,
): DateAtKey | undefined {
  if (!mapping || typeof text !== 'string') return undefined;
  const reading = readDate(text, config.timeZone);
  if ('date' in reading) return { key, text, date: reading.date };
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

/**
 * Our key (`date`, `updated`) or, without it, Zenn's or Qiita's (`published_at`, `updated_at`).
 * Both written: ours wins, with a warning if they name different times, since one of them is
 * stale and the reader sees only one.
 */
function oneDate(
  mapping: YamlMapping | undefined,
  ours: DateAtKey | undefined,
  theirs: DateAtKey | undefined,
): ChosenDate {
  const diagnostics = [ours, theirs].flatMap((r) => (r && 'diagnostic' in r ? [r.diagnostic] : []));
  const read = [ours, theirs].flatMap((r) => (r && 'date' in r ? [r] : []));
  const [chosen, other] = read;
  if (mapping && chosen && other && chosen.date.getTime() !== other.date.getTime()) {
    diagnostics.push({
      ...located(mapping, [other.key]),
      severity: 'warning',
      code: 'front-matter/conflicting-date',
      message: `\`${other.key}: ${other.text}\` is not the same time as \`${chosen.key}: ${chosen.text}\`; sugaku uses \`${chosen.key}\``,
      hint: `Keep one of the two: \`${chosen.key}\` is sugaku's name for it, \`${other.key}\` is ${other.key === 'published_at' ? "Zenn's" : "Qiita's"}.`,
    });
  }
  return { ...(chosen ? { date: chosen.date, key: chosen.key } : {}), diagnostics };
}

interface ChosenDate {
  date?: Date;
  /** The key it was read from. */
  key?: DateKey;
  diagnostics: Diagnostic[];
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
  date: ChosenDate,
  updated: ChosenDate,
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
  if (data.draft !== undefined && data.published !== undefined && data.draft === data.published) {
    warnings.push({
      ...located(mapping, ['published']),
      severity: 'warning',
      code: 'front-matter/conflicting-draft',
      message: `\`draft: ${String(data.draft)}\` and \`published: ${String(data.published)}\` disagree; the article is treated as a draft`,
      hint: "Keep one of the two: `draft: true` is sugaku's way to hold an article back, `published: false` is Zenn's.",
    });
  }
  if (date.date && date.key && updated.date && updated.key && updated.date < date.date) {
    warnings.push({
      ...located(mapping, [updated.key]),
      severity: 'warning',
      code: 'front-matter/updated-before-date',
      message: `\`${updated.key}\` is earlier than \`${date.key}\``,
      hint: '`updated` is when the article was last changed; it should be on or after `date`.',
    });
  }
  return warnings;
}
