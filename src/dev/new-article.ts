import { Document, type YAMLSeq } from 'yaml';

export interface NewArticle {
  title: string;
  /** Wall time in the site's time zone, `2025-05-20 10:00`, as front matter reads it. */
  date: string;
  tags: string[];
  author?: string;
  series?: string;
}

/** Longest slug made from a title, in characters: a URL one can still read. */
const MAX_SLUG_LENGTH = 64;
/** And in bytes of UTF-8: with `.md`, well inside the 255 of a file name, even in four-byte letters. */
const MAX_SLUG_BYTES = 200;

/** Windows' device names, in any case: `con.md` cannot be created there. */
const DEVICE_NAME = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A slug from a title: the title itself, NFC, with everything but letters, digits, marks,
 * `-` and `_` (spaces, `/`, `?`, `#`, `.`, `、`, `「」`…) turned into single `-`s.
 * Japanese stays as it is: `対数の性質` → `対数の性質`, `Euler の公式` → `Euler-の公式`.
 * Dots go too, so a slug never hides its file (`.name.md`) or climbs (`..`). Empty when
 * nothing usable is left.
 */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  let kept = '';
  for (const character of [...slug].slice(0, MAX_SLUG_LENGTH)) {
    if (Buffer.byteLength(kept + character, 'utf8') > MAX_SLUG_BYTES) break;
    kept += character;
  }
  kept = kept.replace(/-$/, '');
  return DEVICE_NAME.test(kept) ? `${kept}_` : kept;
}

/**
 * Why `slug` can't name a new article's file, or undefined. Stricter than what an existing
 * article may use: a new file name should need no quoting anywhere.
 */
export function newSlugProblem(slug: string): string | undefined {
  if (slug === '') return 'is empty';
  const safe = slugFromTitle(slug);
  if (safe !== slug.normalize('NFC')) {
    if (safe === '') return 'has no letters or digits';
    if (DEVICE_NAME.test(slug)) return `is a device name on Windows (try "${safe}")`;
    return `may only contain letters, digits, "-" and "_" (try "${safe}")`;
  }
  return undefined;
}

/** `--tags 対数,代数` or `対数、代数`: trimmed, without empties and repeats. */
export function parseTagList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,、，]/)
        .map((tag) => tag.trim().normalize('NFC'))
        .filter(Boolean),
    ),
  ];
}

/** `2025-05-20 10:00`: `now` as a wall time in `timeZone`. */
export function wallTime(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * The text of a new article: front matter with `draft: true`, then an empty body.
 * A new article is unfinished; as a draft it shows in `npm run dev` (marked 下書き) and stays
 * out of `npm run build` until the author deletes the line. YAML quoting is left to the
 * `yaml` package, so a title such as `log: 性質 #1` stays one string.
 */
export function newArticleText(article: NewArticle): string {
  const document = new Document({
    title: article.title,
    date: article.date,
    ...(article.tags.length > 0 ? { tags: article.tags } : {}),
    ...(article.author !== undefined ? { author: article.author } : {}),
    ...(article.series !== undefined ? { series: article.series } : {}),
    draft: true,
  });
  const tags = document.get('tags', true) as YAMLSeq | undefined;
  if (tags) tags.flow = true;
  const frontMatter = document.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `---\n${frontMatter}---\n\n`;
}
