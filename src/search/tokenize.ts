/**
 * The one tokenizer of the search index, for the build and the browser alike: this file
 * is compiled once and copied to the site (`/assets/search/tokenize.js`), so the words an
 * article is indexed by and the words a query is cut into can never disagree. It
 * imports nothing and touches no Node or DOM API.
 *
 * Text is compared in NFKC and lower case (ＡＢＣ, abc and ABC are one word). Japanese
 * runs (kanji, kana, 々〆ヶー) become their single characters and overlapping bigrams:
 * a one-kanji query (群) looks up its character, a longer one its bigrams, and the search
 * checks the article's text for the whole run, so bigrams that occur apart never match.
 * Other letters and digits make words (`_` included, so TeX's `\log_a` is the word
 * `log_a`, backslash or not); a word of three or more characters is also indexed by its
 * beginnings, which is how a query finds words it is the beginning of.
 */

/** Japanese script: kanji (and 々〆ヶ), hiragana, katakana and the long-vowel mark. */
const JAPANESE = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々〆ヶー`;
/** A Japanese run, or a word of other letters, digits, marks and `_`. */
const TOKEN_RUN = new RegExp(
  String.raw`([${JAPANESE}]+)|((?:(?![${JAPANESE}])[\p{L}\p{N}\p{M}_])+)`,
  'gu',
);

/** Shortest beginning of a word that a query finds it by. */
export const PREFIX_FROM = 3;
/** Longest beginning of a word indexed: a longer query looks the word up whole. */
const PREFIX_UP_TO = 24;

/** How text is compared: NFKC (full-width forms to their usual width) and lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A run of text as the index cuts it. */
interface Run {
  japanese: boolean;
  /** Characters (code points), normalized. */
  chars: string[];
  text: string;
}

function runsOf(normalized: string): Run[] {
  const runs: Run[] = [];
  for (const match of normalized.matchAll(TOKEN_RUN)) {
    const text = match[0];
    runs.push({ japanese: match[1] !== undefined, chars: [...text], text });
  }
  return runs;
}

/**
 * An article's (or a title's) index words and how often each occurs, beginnings of words
 * included, and `length`: how many words the text has, for BM25 (beginnings not counted).
 */
export function countTokens(text: string): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  const add = (token: string) => counts.set(token, (counts.get(token) ?? 0) + 1);
  let length = 0;
  for (const run of runsOf(normalizeText(text))) {
    if (run.japanese) {
      const { chars } = run;
      for (let i = 0; i < chars.length; i++) {
        add(chars[i]!);
        length++;
        if (i + 1 < chars.length) {
          add(chars[i]! + chars[i + 1]!);
          length++;
        }
      }
    } else {
      add(run.text);
      length++;
      const last = Math.min(run.chars.length - 1, PREFIX_UP_TO);
      for (let end = PREFIX_FROM; end <= last; end++) add(run.chars.slice(0, end).join(''));
    }
  }
  return { counts, length };
}

/** One space-separated term of a query. */
export interface QueryTerm {
  /** The term as compared: normalized. */
  text: string;
  /** Index words that must all occur in an article for it to contain the term. */
  tokens: string[];
  /**
   * Japanese runs of three characters or more: their bigrams may occur apart, so the
   * article's text is checked for each run itself.
   */
  verify: string[];
}

/** A query's terms: space-separated, each of them must occur. Terms without a word are dropped. */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const text of normalizeText(query).split(/\s+/)) {
    if (text === '' || seen.has(text)) continue;
    const tokens = new Set<string>();
    const verify: string[] = [];
    for (const run of runsOf(text)) {
      if (!run.japanese) {
        tokens.add(run.text);
        continue;
      }
      if (run.chars.length === 1) tokens.add(run.text);
      for (let i = 0; i + 1 < run.chars.length; i++) tokens.add(run.chars[i]! + run.chars[i + 1]!);
      if (run.chars.length >= 3) verify.push(run.text);
    }
    if (tokens.size === 0) continue;
    seen.add(text);
    terms.push({ text, tokens: [...tokens], verify });
  }
  return terms;
}

/** The shard of the index that holds a word's postings: FNV-1a of its UTF-16 code units. */
export function shardOf(token: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}
