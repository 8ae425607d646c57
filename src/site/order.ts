import type { Article } from '../model/index.js';

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first, then by slug; the source path settles duplicate slugs so input order never shows. */
export function compareNewestFirst(a: Article, b: Article): number {
  return (
    b.date.getTime() - a.date.getTime() ||
    compareCodeUnits(a.slug, b.slug) ||
    compareCodeUnits(a.sourcePath, b.sourcePath)
  );
}

// Same order as `localeCompare(…, 'ja')`, without building a collator per call.
const japanese = new Intl.Collator('ja');

/** Japanese collation; names it finds equal (e.g. NFC vs NFD) fall back to code units. */
export function compareNames(a: string, b: string): number {
  return japanese.compare(a, b) || compareCodeUnits(a, b);
}
