import { countTokens } from './tokenize.js';

/**
 * What the index takes of one article, made when it is rendered (in a worker) and kept
 * in the build cache under the article's key: its title, its readable text (formulas as
 * `$TeX$`), and its words with their counts in the body and whether the title has them.
 */
export interface SearchEntry {
  title: string;
  text: string;
  /** `[word, code]`, code = (times in the body) × 2 + (1 if in the title); sorted by word. */
  words: [string, number][];
  /** Words in the body, for BM25. */
  length: number;
}

/**
 * Longest text indexed and kept for results, in characters: the text a Japanese term is
 * checked against must be the text the index was made from.
 */
export const TEXT_LIMIT = 100_000;

/** `text`: the body's readable text with formulas as `$TeX$`. */
export function searchEntry(title: string, text: string): SearchEntry {
  const kept = text.length > TEXT_LIMIT ? text.slice(0, TEXT_LIMIT) : text;
  const body = countTokens(kept);
  const inTitle = countTokens(title).counts;
  const codes = new Map<string, number>();
  for (const [word, count] of body.counts) codes.set(word, count * 2);
  for (const word of inTitle.keys()) codes.set(word, (codes.get(word) ?? 0) | 1);
  const words = [...codes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { title, text: kept, words, length: body.length };
}
