import { decodeEntities, replaceElements } from './html-scan.js';

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

function japaneseWords(run: string): string[] {
  const words = new Set<string>();
  const chars = [...run];
  for (let start = 0; start < chars.length; start++) {
    for (let length = 1; length <= NGRAM && start + length <= chars.length; length++) {
      words.add(chars.slice(start, start + length).join(''));
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

/**
 * Every KaTeX rendering (HTML and MathML) replaced by its TeX source between `$`s, as
 * an author writes it: how a result excerpt shows a formula.
 */
export function formulasAsTex(html: string): string {
  return replaceElements(html, /<span class="katex"/, (element) => {
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(element);
    return tex ? `<span class="tex">$${tex[1]!.trim()}$</span>` : '';
  });
}

const BLOCK_TAGS =
  /^<\/?(p|div|h[1-6]|li|ul|ol|pre|blockquote|table|tr|td|th|section|article|br|hr|figure|figcaption|dl|dt|dd)[\s>/]/i;

/** Readable plain text of body HTML (formulas as TeX), for result excerpts. */
export function plainText(html: string): string {
  const text = formulasAsTex(html).replace(/<[^>]*>/g, (tag) => (BLOCK_TAGS.test(tag) ? '\n' : ''));
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
export function indexedHtml(html: string): string {
  const withTex = replaceElements(html, /<span class="katex"/, (element) => {
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(element);
    return tex ? ` ${escapeText(texWords(decodeEntities(tex[1]!)))} ` : ' ';
  });
  const seen = new Set<string>();
  let headingDepth = 0;
  return withTex.replace(/<[^>]*>|[^<]+/g, (token) => {
    if (token.startsWith('<')) {
      if (/^<h[1-6][\s>]/i.test(token)) headingDepth++;
      else if (/^<\/h[1-6]>/i.test(token)) headingDepth = Math.max(0, headingDepth - 1);
      return token;
    }
    const words = searchWords(decodeEntities(token))
      .split(/\s+/)
      .filter((word) => word !== '');
    const kept = headingDepth > 0 ? words : words.filter((word) => !seen.has(word));
    for (const word of words) seen.add(word);
    return kept.length > 0 ? ` ${escapeText(kept.join(' '))} ` : ' ';
  });
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
