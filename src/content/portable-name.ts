import { createHash } from 'node:crypto';

/**
 * Slugs, tags, series and author names become folders of the output, which must check out
 * and serve on Linux, macOS and Windows alike. A name keeps its own letters (URLs stay
 * readable Japanese) except for what one of them refuses:
 *
 * - `/ \ < > : " | ? *` and control characters (Windows refuses the printable ones);
 * - a trailing `.` or space (Windows drops them: `末尾の点.` would be `末尾の点`), so `.` and
 *   `..` never name a folder either;
 * - the device names CON, PRN, AUX, NUL, COM1–9 and LPT1–9, in any case and with any
 *   extension (`nul.txt` is the device too);
 * - more than 255 bytes of UTF-8, the limit of a file name nearly everywhere: a long name
 *   is cut at a character boundary and given 8 characters of its hash, so that two long
 *   names with one beginning stay apart.
 *
 * Each is replaced by `-` (a device name gets one after it). Idempotent.
 */
export function portableSegment(name: string): string {
  let segment = portableSegments.get(name);
  if (segment === undefined) {
    // Asked for every article, tag and author on every build (a dev server's save too):
    // the same few thousand names, each made once.
    if (portableSegments.size >= MAX_REMEMBERED) portableSegments.clear();
    segment = madePortable(name);
    portableSegments.set(name, segment);
  }
  return segment;
}

const portableSegments = new Map<string, string>();
const MAX_REMEMBERED = 100_000;

function madePortable(name: string): string {
  let segment = name
    .normalize('NFC')
    .replace(REFUSED_CHARACTERS, '-')
    .replace(/[. ]+$/, (tail) => '-'.repeat(tail.length));
  if (segment === '') return '-';
  segment = segment.replace(DEVICE_NAME, '$1-$2');
  return utf8Bytes(segment) <= MAX_SEGMENT_BYTES ? segment : shortened(segment, name);
}

/** The longest file name, in bytes of UTF-8, that ext4, APFS and NTFS all take. */
export const MAX_SEGMENT_BYTES = 255;

// eslint-disable-next-line no-control-regex -- matching them is the point
const REFUSED_CHARACTERS = /[/\\<>:"|?*\u0000-\u001f\u007f-\u009f]/g;
const DEVICE_NAME = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\.|$)/i;

const HASH_LENGTH = 8;
const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

function shortened(segment: string, name: string): string {
  const hash = createHash('sha256').update(name.normalize('NFC')).digest('hex');
  const room = MAX_SEGMENT_BYTES - 1 - HASH_LENGTH;
  let kept = '';
  let bytes = 0;
  // Whole characters as the reader sees them: a kana with its voicing mark, an emoji.
  for (const { segment: character } of graphemes.segment(segment)) {
    bytes += utf8Bytes(character);
    if (bytes > room) break;
    kept += character;
  }
  return `${kept}-${hash.slice(0, HASH_LENGTH)}`;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Two segments with one key are one folder on macOS (which ignores case and Unicode
 * normalisation) or Windows (which ignores case).
 */
export function segmentCollisionKey(segment: string): string {
  return segment.normalize('NFC').toLowerCase();
}

// Also dropped from author slugs: characters that need escaping in a URL or
// are forbidden in Windows file names, so an id reads well in both.
// eslint-disable-next-line no-control-regex -- matching them is the point
const UNSAFE_IN_SLUG = /[/\\?#%:*"<>|\u0000-\u001f\u007f-\u009f]/g;

/**
 * The folder name of an author known by display name only (`site/` places it).
 * `Taro  Tanaka` → `Taro-Tanaka`, `山田 花子` → `山田-花子`; ideographic spaces count too.
 */
export function nameSlug(name: string): string {
  const slug = name.trim().replace(/\s+/g, '-').replace(UNSAFE_IN_SLUG, '');
  return /^\.*$/.test(slug) ? 'author' : slug;
}
