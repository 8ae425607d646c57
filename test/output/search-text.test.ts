import { describe, expect, test } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import {
  formulasAsTex,
  indexedHtml,
  plainText,
  searchWords,
  texWords,
} from '../../src/output/search-text.js';

/** What Pagefind's search page does to a query on a Japanese page: `Intl.Segmenter('ja')` words. */
function queryWords(query: string): string[] {
  const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
  return [...segmenter.segment(query)].filter((s) => s.isWordLike).map((s) => s.segment);
}

const indexWords = (text: string) => new Set(searchWords(text).split(/\s+/).filter(Boolean));

const formula = (tex: string, displayMode = false) =>
  createMathEngine().render({
    tex,
    displayMode,
    macros: {},
    location: { file: 'x.md', line: 1, column: 1 },
  }).html;

describe('Japanese index words', () => {
  const text =
    '連立方程式を解いて固有値問題に帰着させる。新幹線でガベージコレクションの本を読み、' +
    '数学的帰納法と期待値の線形性、条件付き確率、ネイピア数、指数関数の微分、底の変換公式を復習した。';
  const words = indexWords(text);

  // Each of these is segmented differently in a sentence and on its own, or differently by
  // Pagefind's indexer (Lindera) and by the browser: the index must hold every query word.
  test.each([
    '方程式',
    '連立方程式',
    '固有値',
    '固有値問題',
    '新幹線',
    '幹線',
    'ガベージコレクション',
    'コレクション',
    '数学的帰納法',
    '帰納法',
    '期待値',
    '線形性',
    '条件付き確率',
    'ネイピア数',
    '指数関数',
    '関数',
    '微分',
    '底の変換公式',
    '変換',
  ])('a search for %s finds the text', (query) => {
    const missing = queryWords(query).filter((word) => !words.has(word));
    expect(missing).toEqual([]);
  });

  test('Latin words, numbers and punctuation are left as they are', () => {
    expect(searchWords('Newton 法で x = 2 を')).toContain('Newton');
    expect(searchWords('Newton 法で x = 2 を')).toContain(' x = 2 ');
  });

  test('full-width letters read as their ASCII forms, as a query is normalised too', () => {
    expect(indexWords('ｌｏｇ_ａ と ｶﾀｶﾅ').has('log_a')).toBe(true);
    expect(indexWords('ｌｏｇ_ａ と ｶﾀｶﾅ').has('カタカナ')).toBe(true);
  });
});

describe('formulas in the index', () => {
  test('TeX is cut at braces and operators; commands keep their backslash, subscripts their underscore', () => {
    expect(texWords('\\log_a b = \\frac{\\log_c b}{\\log_c a}')).toBe(
      '\\log_a b \\frac \\log_c b \\log_c a',
    );
  });

  test('KaTeX’s HTML and MathML are indexed as the formula’s TeX alone', () => {
    const html = `<p>底の変換 ${formula('\\log_a b')} を示す。</p><div class="math-display">${formula('e^{i\\pi} + 1 = 0', true)}</div>`;
    const indexed = indexedHtml(html);
    expect(indexed).not.toMatch(/class="katex"|katex-html|katex-mathml/);
    expect(indexed).not.toContain('<math');
    expect(indexed).toContain('\\log_a b');
    expect(indexed).toContain('e i\\pi 1 0');
    // Each formula once: not its HTML glyphs, MathML and annotation all over again.
    expect(indexed.match(/log_a/g)).toHaveLength(1);
  });

  test('the readable text of a result shows formulas as TeX and keeps Japanese unspaced', () => {
    const html = `<h2 id="a">定義</h2>\n<p>底の変換 ${formula('\\log_a b')} を<em>示す</em>。</p>`;
    expect(formulasAsTex(html)).toContain('<span class="tex">$\\log_a b$</span>');
    expect(plainText(html)).toBe('定義 底の変換 $\\log_a b$ を示す。');
  });

  test('escaped text stays escaped in the indexed HTML', () => {
    expect(indexedHtml('<p>a &lt;b&gt; &amp; c</p>')).toBe('<p> a &lt;b&gt; &amp; c </p>');
  });

  test('a word of the text is indexed where it first appears; headings keep all of theirs', () => {
    const html =
      '<p>行列式を計算する。</p><h2 id="x">行列式の性質</h2><p>行列式は積を保つ。行列式。</p>';
    const indexed = indexedHtml(html);
    const count = (part: string) =>
      (indexed.match(/<p>[^<]*<\/p>/g) ?? [])
        .join(' ')
        .split(' ')
        .filter((w) => w === part).length;
    // 行列式 in both paragraphs: indexed in the first only.
    expect(count('行列式')).toBe(1);
    expect(indexed).toMatch(/<h2 id="x">[^<]* 行列式 [^<]*<\/h2>/);
    // Words the second paragraph adds are still there.
    expect(indexed).toMatch(/<p>[^<]* 積 [^<]*<\/p>$/);
  });
});
