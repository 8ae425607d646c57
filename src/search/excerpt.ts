/**
 * Where a search result's excerpt starts and ends in an article's text (formulas in it as
 * `$TeX$`): around the first match, cut where a reader would cut. Japanese has no spaces,
 * so a window of fixed length cuts words in half (…ネイピ / ア数…); we move each end to
 * the nearest phrase boundary (文節, found by BudouX as for headings, see
 * `src/render/phrases.ts`), or to a sentence's start, and never into a formula: a formula
 * is shown whole or not at all. Runs in the browser and in the tests alike.
 */

/** Splits text into phrases (BudouX's `Parser.parse`); absent when it could not be loaded. */
export type PhraseSplitter = (text: string) => string[];

export interface ExcerptWindow {
  start: number;
  end: number;
}

/** How far before the first match an excerpt starts, in characters. */
const LEAD = 30;
/** How far an end may move to reach a phrase boundary or a sentence start. */
const REACH = 16;
/** A formula this long or longer is left out at an excerpt's edge rather than shown whole. */
const LONG_FORMULA = 60;

const SENTENCE_END = /[。．！？!?\n]/;

export function excerptWindow(
  text: string,
  matchAt: number,
  length: number,
  phrases?: PhraseSplitter,
): ExcerptWindow {
  const formulas = formulaRanges(text);
  let start = matchAt <= LEAD ? 0 : matchAt - LEAD;
  let end = Math.min(text.length, start + length);

  if (start > 0) {
    start = sentenceStart(text, start, matchAt) ?? boundaryNear(text, start, phrases) ?? start;
    const inside = formulas.find((range) => range.start < start && start < range.end);
    if (inside) {
      start =
        inside.end - inside.start < LONG_FORMULA || matchAt < inside.end
          ? inside.start
          : inside.end;
    }
  }
  if (end < text.length) {
    end = boundaryNear(text, end, phrases, matchAt) ?? end;
    const inside = formulas.find((range) => range.start < end && end < range.end);
    if (inside) {
      end =
        inside.end - inside.start < LONG_FORMULA || inside.start <= matchAt
          ? inside.end
          : inside.start;
    }
  }
  return { start, end: Math.max(end, start) };
}

/** Where the match's sentence begins, if it does a little before `start` or after it. */
function sentenceStart(text: string, start: number, matchAt: number): number | undefined {
  for (let at = start - 1; at >= Math.max(0, start - REACH); at--) {
    if (SENTENCE_END.test(text[at]!))
      return at + 1 <= matchAt ? skipSpaces(text, at + 1) : undefined;
  }
  // A sentence that begins between the window's start and the match begins the excerpt.
  for (let at = matchAt - 1; at >= start; at--) {
    if (SENTENCE_END.test(text[at]!)) return skipSpaces(text, at + 1);
  }
  return undefined;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && text[at] === ' ') at++;
  return at;
}

/**
 * The phrase boundary nearest to `at` within REACH on either side (never at or before
 * `after`, so the match stays in), or undefined when none is near or no splitter.
 */
function boundaryNear(
  text: string,
  at: number,
  phrases: PhraseSplitter | undefined,
  after = -1,
): number | undefined {
  if (!phrases) return undefined;
  const from = Math.max(0, at - REACH);
  const to = Math.min(text.length, at + REACH);
  let best: number | undefined;
  let offset = from;
  for (const phrase of phrases(text.slice(from, to))) {
    offset += phrase.length;
    // The slice's own ends are where it was cut, not phrase boundaries.
    if (offset >= to || offset <= after) continue;
    if (best === undefined || Math.abs(offset - at) < Math.abs(best - at)) best = offset;
  }
  return best;
}

/** `$…$` in the text: the formulas, `$`s included. */
function formulaRanges(text: string): ExcerptWindow[] {
  const ranges: ExcerptWindow[] = [];
  let open = -1;
  for (let at = text.indexOf('$'); at !== -1; at = text.indexOf('$', at + 1)) {
    if (open === -1) open = at;
    else {
      ranges.push({ start: open, end: at + 1 });
      open = -1;
    }
  }
  return ranges;
}
