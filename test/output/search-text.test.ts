import { describe, expect, test } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { formulasAsTex, plainText } from '../../src/output/search-text.js';

const formula = (tex: string, displayMode = false) =>
  createMathEngine().render({
    tex,
    displayMode,
    macros: {},
    location: { file: 'x.md', line: 1, column: 1 },
  }).html;

describe('the text the search index takes of a body', () => {
  test('KaTeX’s HTML and MathML become the formula’s TeX, once', () => {
    const html = `<p>底の変換 ${formula('\\log_a b')} を示す。</p><div class="math-display">${formula('e^{i\\pi} + 1 = 0', true)}</div>`;
    const text = plainText(html);
    expect(text).not.toMatch(/katex|mord|semantics|annotation|application/);
    expect(text).toBe('底の変換 $\\log_a b$ を示す。 $e^{i\\pi} + 1 = 0$');
  });

  test('formulas read as TeX, and Japanese stays unspaced', () => {
    const html = `<h2 id="a">定義</h2>\n<p>底の変換 ${formula('\\log_a b')} を<em>示す</em>。</p>`;
    expect(formulasAsTex(html)).toContain('<span class="tex">$\\log_a b$</span>');
    expect(plainText(html)).toBe('定義 底の変換 $\\log_a b$ を示す。');
  });

  test('escaped text is read as the reader sees it', () => {
    expect(plainText('<p>a &lt;b&gt; &amp; c</p>')).toBe('a <b> & c');
  });
});
