import { Document, isMap, parseDocument, type YAMLSeq } from 'yaml';
import { wallClockAt } from '../config/index.js';
import { readDate } from '../content/index.js';
import type { DateOrigin, ImportDialect, ImportSourceFile } from './types.js';

/** The front matter of an imported article, rewritten into sugaku's keys. */
export interface ConvertedFrontMatter {
  /** `---`, the YAML and `---`, each line ending in `\n`. */
  text: string;
  /** Where the body starts in the source text: everything from here is copied as it is. */
  bodyStart: number;
  draft: boolean;
  dateFrom: DateOrigin;
  /** What the author should know, each at a line of the new front matter (1 = `---`). */
  notes: { line: number; message: string }[];
}

/** Keys of Zenn and Qiita that are read into sugaku's keys, or mean nothing on a sugaku site. */
const CONSUMED = new Set([
  'title',
  'date',
  'updated',
  'tags',
  'draft',
  'topics',
  'published',
  'published_at',
  'updated_at',
  'emoji',
  'type',
  'id',
  'private',
  'slide',
  'organization_url_name',
  'ignorePublish',
]);

/** Keys of sugaku's own besides the ones written first: kept as they are. */
const SUGAKU_KEYS = new Set(['author', 'description', 'slug', 'series', 'part', 'cover', 'macros']);

/** Zenn reads `published_at` in Japan's time, whatever the site's zone is. */
const ZENN_TIME_ZONE = 'Asia/Tokyo';

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * Zenn's or Qiita's front matter → sugaku's: `title`, `date`, `updated`, `tags`, `draft`, then
 * any other key as it was. Pure: git's and the file's dates come in with `source`.
 */
export function convertFrontMatter(
  dialect: ImportDialect,
  source: ImportSourceFile,
  timeZone: string,
): ConvertedFrontMatter {
  const text = source.text.replace(/^\uFEFF/, '');
  const bomLength = source.text.length - text.length;
  const match = FRONT_MATTER.exec(text);
  const notes: string[] = [];
  let data: Record<string, unknown> = {};
  if (match) {
    const document = parseDocument(match[1] ?? '', { prettyErrors: false });
    const contents = document.contents;
    if (document.errors.length > 0 || (contents !== null && !isMap(contents))) {
      notes.push(
        `the front matter could not be read (${document.errors[0]?.message.split('\n')[0] ?? 'not a list of keys'}): only the title and date were written; copy any other key over by hand`,
      );
    } else {
      data = (document.toJS() ?? {}) as Record<string, unknown>;
    }
  } else {
    notes.push('the file had no front matter: its title is the file name');
  }

  const title =
    typeof data.title === 'string' && data.title.trim() !== ''
      ? data.title
      : source.path.replace(/^.*\//, '').replace(/\.md$/, '');
  if (match && title !== data.title) notes.push('no `title`: the file name was used');

  const dates = chooseDates(dialect, data, source, timeZone, notes);
  const draft = isDraft(dialect, data, notes);
  const tags = tagsOf(data);
  if (dialect === 'qiita' && data.slide === true) {
    notes.push('`slide: true`: sugaku shows a slide deck as one page, its `---` as rules');
  }

  const written: Record<string, unknown> = { title, date: dates.date };
  if (dates.updated !== undefined) written.updated = dates.updated;
  if (tags.length > 0) written.tags = tags;
  if (draft) written.draft = true;
  for (const [key, value] of Object.entries(data)) {
    if (CONSUMED.has(key) || value === null) continue;
    written[key] = value;
    if (!SUGAKU_KEYS.has(key)) notes.push(`\`${key}\` is kept, but sugaku does not use it`);
  }

  const document = new Document(written);
  const tagNode = document.get('tags', true) as YAMLSeq | undefined;
  if (tagNode) tagNode.flow = true;
  const yaml = document.toString({ flowCollectionPadding: false, lineWidth: 0 });
  const frontMatter = `---\n${yaml}---\n`;
  return {
    text: frontMatter,
    bodyStart: bomLength + (match ? match[0].length : 0),
    draft,
    dateFrom: dates.from,
    // The notes are about the front matter as a whole: point at its first line.
    notes: notes.map((message) => ({ line: 1, message })),
  };
}

interface ChosenDates {
  date: string;
  updated?: string;
  from: DateOrigin;
}

/**
 * sugaku's `date` if written; else Zenn's `published_at`; else the earliest of Qiita's
 * `updated_at` and the first commit (Qiita records no publication date, and a repository made
 * by `qiita pull` is younger than its articles); else the first commit; else the file's time.
 */
function chooseDates(
  dialect: ImportDialect,
  data: Record<string, unknown>,
  source: ImportSourceFile,
  timeZone: string,
  notes: string[],
): ChosenDates {
  const read = (key: string, zone: string): Date | undefined => {
    const value = data[key];
    if (value === undefined || value === null || value === '') return undefined;
    const reading = readDate(String(value), zone);
    if ('date' in reading) return reading.date;
    notes.push(`\`${key}: ${String(value)}\` is not a date sugaku reads, so it was not used`);
    return undefined;
  };
  const wall = (date: Date) => wallTime(date, timeZone);
  const ownUpdated = read('updated', timeZone);
  const updatedAt = dialect === 'qiita' ? read('updated_at', timeZone) : undefined;

  const own = read('date', timeZone);
  const publishedAt = dialect === 'zenn' ? read('published_at', ZENN_TIME_ZONE) : undefined;
  const candidates: { date: Date; from: DateOrigin }[] = own
    ? [{ date: own, from: 'date' }]
    : publishedAt
      ? [{ date: publishedAt, from: 'published_at' }]
      : [
          ...(updatedAt ? [{ date: updatedAt, from: 'updated_at' as const }] : []),
          ...(source.firstCommit ? [{ date: source.firstCommit, from: 'git' as const }] : []),
        ];
  const chosen = candidates.reduce<{ date: Date; from: DateOrigin } | undefined>(
    (earliest, candidate) => (earliest && earliest.date <= candidate.date ? earliest : candidate),
    undefined,
  ) ?? { date: source.modified, from: 'file time' };

  const dateText = chosen.from === 'date' ? String(data.date) : wall(chosen.date);
  const later = ownUpdated ?? updatedAt;
  const updated =
    ownUpdated !== undefined
      ? String(data.updated)
      : later && later.getTime() > chosen.date.getTime()
        ? wall(later)
        : undefined;
  return { date: dateText, ...(updated === undefined ? {} : { updated }), from: chosen.from };
}

/**
 * A draft stays a draft: `draft: true`, Zenn's `published: false`, and on Qiita what was never
 * public (`ignorePublish: true`, never uploaded: `id: null`) or shared only by link
 * (`private: true`), which a blog's index and feed would show to everyone.
 */
function isDraft(dialect: ImportDialect, data: Record<string, unknown>, notes: string[]): boolean {
  if (data.draft === true || data.published === false) return true;
  if (dialect !== 'qiita') return false;
  if (data.private === true) {
    notes.push('limited sharing on Qiita (`private: true`): kept as a draft');
    return true;
  }
  if (data.ignorePublish === true) return true;
  if ('id' in data && (data.id === null || data.id === '')) {
    notes.push('never published on Qiita (`id: null`): kept as a draft');
    return true;
  }
  return false;
}

/** sugaku's `tags`, Zenn's `topics`, Qiita's `tags` (strings, or `{ name }` from its API). */
function tagsOf(data: Record<string, unknown>): string[] {
  const names = [data.tags, data.topics].flatMap((value) =>
    (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).map((tag: unknown) =>
      typeof tag === 'object' && tag !== null && 'name' in tag ? String(tag.name) : String(tag),
    ),
  );
  return [...new Set(names.map((name) => name.trim()).filter((name) => name !== ''))];
}

/** `2024-05-01 09:00`, or with seconds when they are not zero: a wall time in `timeZone`. */
export function wallTime(instant: Date, timeZone: string): string {
  const clock = wallClockAt(timeZone, instant);
  const two = (n: number) => String(n).padStart(2, '0');
  const seconds = clock.second === 0 ? '' : `:${two(clock.second)}`;
  return `${clock.year}-${two(clock.month)}-${two(clock.day)} ${two(clock.hour)}:${two(clock.minute)}${seconds}`;
}
