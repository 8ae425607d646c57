import { describe, expect, test } from 'vitest';
import {
  headingPhraseBreaks,
  inlinePhraseBreaks,
  phraseBreaks,
} from '../../src/markdown/phrases.js';

describe('phrase breaks (BudouX)', () => {
  test('a title may break between phrases and nowhere else', () => {
    expect(phraseBreaks('複利の極限から指数関数へ（前編）')).toBe(
      '複利の<wbr>極限から<wbr>指数関数へ<wbr>（前編）',
    );
    expect(phraseBreaks('ニュートン法で平方根を求める')).toBe(
      'ニュートン法で<wbr>平方根を<wbr>求める',
    );
  });

  test('no phrase is cut inside a word', () => {
    const pieces = phraseBreaks('ベイズの定理と検査の陽性的中率').split('<wbr>');
    expect(pieces).toContain('陽性的中率');
    expect(pieces.join('')).toBe('ベイズの定理と検査の陽性的中率');
  });

  test('text is escaped as template output is', () => {
    expect(phraseBreaks('a<b & "c"')).toBe('a&lt;b &amp; &#34;c&#34;');
  });

  test('a space already allows a break, so no <wbr> is put beside it', () => {
    expect(phraseBreaks('2×2 行列の固有値')).not.toMatch(/ <wbr>|<wbr> /);
  });

  test('headings in body HTML get breaks; paragraphs, formulas and code do not', () => {
    const formula = '<span class="katex"><span class="katex-mathml">指数関数の微分</span></span>';
    const html =
      `<h2 id="x">指数関数の微分を求める</h2>\n<p>指数関数の微分を求める</p>\n` +
      `<h3 id="y">${formula}と<code>指数関数の微分</code>の関係について</h3>`;
    const result = headingPhraseBreaks(html);
    expect(result).toContain('<h2 id="x">指数関数の<wbr>微分を<wbr>求める</h2>');
    expect(result).toContain('<p>指数関数の微分を求める</p>');
    expect(result).toContain(formula);
    expect(result).toContain('<code>指数関数の微分</code>');
    expect(result.replace(/<wbr>/g, '')).toBe(html);
  });

  test('only headings: no other element whose name starts with h, nothing past an unclosed one', () => {
    const html =
      '<header><hr><h3>指数関数の微分を求める</h3></header><p>指数関数の微分</p>' +
      '<h2>閉じていない見出しの指数関数';
    expect(headingPhraseBreaks(html)).toBe(
      '<header><hr><h3>指数関数の<wbr>微分を<wbr>求める</h3></header><p>指数関数の微分</p>' +
        '<h2>閉じていない見出しの指数関数',
    );
    expect(headingPhraseBreaks('<h2>微分を求める</h3><h2>積分を求める</h2>')).toBe(
      '<h2>微分を<wbr>求める</h3><h2>積分を<wbr>求める</h2>',
    );
  });

  test('escaped text in a heading stays escaped, never decoded into markup', () => {
    expect(inlinePhraseBreaks('&lt;script&gt;を書く')).not.toContain('<script>');
    expect(inlinePhraseBreaks('A &amp; B').replace(/<wbr>/g, '')).toBe('A &amp; B');
  });
});
