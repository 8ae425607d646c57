import { decodeEntities, elementEnd } from './html-scan.js';

/**
 * What the search index sees of an article, and how Japanese is cut into words for it.
 *
 * Pagefind segments Japanese twice, with two different tools: its indexer with a
 * morphological analyser (Lindera), the search page with the browser's
 * `Intl.Segmenter`. They disagree on compounds (方程式 is 方程 + 式 to one and a single
 * word to the other), and a query word missing from the index finds nothing
 * (https://github.com/Pagefind/pagefind/issues/1237). So the index is built in a
 * language Pagefind does not segment, from words we cut ourselves: every run of one
 * to four characters of Japanese text (whatever a segmenter makes of a query, its
 * words of up to four characters are then in the index), plus longer words the
 * browser's segmenter may produce: unbroken katakana or kanji runs (ガベージコレクション)
 * and the long words `Intl.Segmenter` finds in them (コレクション). Formulas are
 * indexed as their TeX source.
 */

/** Language tag of the index: one Pagefind neither segments nor stems. */
export const SEARCH_INDEX_LANGUAGE = 'zxx';

/** Longest run indexed as every one of its substrings. */
const NGRAM = 4;

/** Japanese script: kanji (and 々〆ヶ), hiragana, katakana and the long-vowel mark. */
const JAPANESE_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々〆ヶー]+/gu;
/** The parts of a run without hiragana: nouns and loanwords, often written as one word. */
const WORD_RUN = /[\p{Script=Han}\p{Script=Katakana}々〆ヶー]+/gu;

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** Text as space-separated index words: Japanese runs cut as described above, everything else kept. */
export function searchWords(text: string): string {
  return text.normalize('NFKC').replace(JAPANESE_RUN, (run) => ` ${japaneseWords(run).join(' ')} `);
}

/** `searchWords(text)` as a list, in the text's order. */
function searchWordList(text: string): string[] {
  const words: string[] = [];
  const keep = (other: string) => {
    for (const word of other.split(/\s+/)) if (word !== '') words.push(word);
  };
  const normalized = text.normalize('NFKC');
  let from = 0;
  for (const match of normalized.matchAll(JAPANESE_RUN)) {
    keep(normalized.slice(from, match.index));
    words.push(...japaneseWords(match[0]));
    from = match.index + match[0].length;
  }
  keep(normalized.slice(from));
  return words;
}

function japaneseWords(run: string): string[] {
  const words = new Set<string>();
  // Code units, unless a character takes two (a rare kanji outside the BMP).
  const chars = /[\uD800-\uDFFF]/.test(run) ? [...run] : run;
  for (let start = 0; start < chars.length; start++) {
    for (let length = 1; length <= NGRAM && start + length <= chars.length; length++) {
      words.add(
        typeof chars === 'string'
          ? chars.slice(start, start + length)
          : chars.slice(start, start + length).join(''),
      );
    }
  }
  // Longer words are nouns and loanwords: runs without hiragana, and the words a
  // segmenter finds in them (コレクション in ガベージコレクション).
  for (const [word] of run.matchAll(WORD_RUN)) {
    if (word.length <= NGRAM) continue;
    words.add(word);
    for (const { segment } of segmenter.segment(word)) {
      if (segment.length > NGRAM) words.add(segment);
    }
  }
  return [...words];
}

/**
 * A formula's TeX as words: commands keep their backslash and subscripts their
 * underscore (`\log_a`), braces and operators separate words.
 */
export function texWords(tex: string): string {
  return tex
    .replace(/[{}[\]()^=+\-*/,.;:|&<>!~'"$]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Body HTML cut at its KaTeX renderings: `html[i]`, formula `tex[i]`, `html[i + 1]`, …; TeX as in the HTML (escaped). */
export interface FormulaSplit {
  html: string[];
  /** Undefined for a rendering without its TeX annotation. */
  tex: (string | undefined)[];
}

const TEX_ANNOTATION = '<annotation encoding="application/x-tex">';

/** Scanning KaTeX's markup is much of the cost of the search text: done once per body. */
export function splitFormulas(html: string): FormulaSplit {
  const split: FormulaSplit = { html: [], tex: [] };
  const opening = /<span class="katex"/g;
  let from = 0;
  for (let match = opening.exec(html); match; match = opening.exec(html)) {
    const end = elementEnd(html, match.index);
    const annotation = html.indexOf(TEX_ANNOTATION, match.index);
    const texStart = annotation + TEX_ANNOTATION.length;
    split.html.push(html.slice(from, match.index));
    split.tex.push(
      annotation !== -1 && annotation < end
        ? html.slice(texStart, html.indexOf('</annotation>', texStart))
        : undefined,
    );
    from = end;
    opening.lastIndex = end;
  }
  split.html.push(html.slice(from));
  return split;
}

function joinFormulas(
  { html, tex }: FormulaSplit,
  formula: (tex: string | undefined) => string,
): string {
  let joined = html[0]!;
  tex.forEach((source, index) => {
    joined += formula(source) + html[index + 1]!;
  });
  return joined;
}

/**
 * Every KaTeX rendering (HTML and MathML) replaced by its TeX source between `$`s, as
 * an author writes it: how a result excerpt shows a formula.
 */
export function formulasAsTex(html: string, split = splitFormulas(html)): string {
  return joinFormulas(split, (tex) => (tex ? `<span class="tex">$${tex.trim()}$</span>` : ''));
}

const BLOCK_TAGS =
  /^<\/?(p|div|h[1-6]|li|ul|ol|pre|blockquote|table|tr|td|th|section|article|br|hr|figure|figcaption|dl|dt|dd)[\s>/]/i;

/** Readable plain text of body HTML (formulas as TeX), for result excerpts. */
export function plainText(html: string, split = splitFormulas(html)): string {
  const text = formulasAsTex(html, split).replace(/<[^>]*>/g, (tag) =>
    BLOCK_TAGS.test(tag) ? '\n' : '',
  );
  return decodeEntities(text)
    .replace(/[ \t\r\n\u00a0]+/g, ' ')
    .trim();
}

/**
 * Body HTML with its tags kept and every text cut into index words; formulas as their
 * TeX words. Outside headings, each word is kept where it first appears only: the pieces
 * of Japanese text are several times the text, and Pagefind's memory grows with every
 * occurrence it records (over 6 GB for 10,000 articles), while a result needs only one.
 * Headings keep all their words, which Pagefind weighs above the text.
 */
export function indexedHtml(html: string, split = splitFormulas(html)): string {
  const withTex = joinFormulas(split, (tex) =>
    tex ? ` ${escapeText(texWords(decodeEntities(tex)))} ` : ' ',
  );
  const seen = new Set<string>();
  let headingDepth = 0;
  return withTex.replace(/<[^>]*>|[^<]+/g, (token) => {
    if (token.startsWith('<')) {
      if (/^<h[1-6][\s>]/i.test(token)) headingDepth++;
      else if (/^<\/h[1-6]>/i.test(token)) headingDepth = Math.max(0, headingDepth - 1);
      return token;
    }
    const words = searchWordList(decodeEntities(token));
    const kept = headingDepth > 0 ? words : words.filter((word) => !seen.has(word));
    for (const word of words) seen.add(word);
    return kept.length > 0 ? ` ${escapeText(kept.join(' '))} ` : ' ';
  });
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
