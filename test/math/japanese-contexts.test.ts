import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/math/edits.js';
import { japaneseTextEdits } from '../../src/math/japanese.js';
import { createMathEngine } from '../../src/math/index.js';

/** The TeX KaTeX is given after the Japanese-as-text rewrite. */
function rewritten(tex: string): string {
  return applyEdits(tex, japaneseTextEdits(tex)).text;
}

function render(tex: string) {
  const at = { file: 'content/posts/a.md', line: 7, column: 4 };
  return createMathEngine().render({ tex, displayMode: true, macros: {}, location: at });
}

describe('where the Japanese-as-text rewrite never reaches', () => {
  it.each([
    ['\\verb', '\\verb|日本| + x'],
    ['\\verb*', '\\verb*|日 本| + x'],
    ['\\verb with another delimiter', '\\verb+数|式+ + x'],
    ['\\url', '\\url{https://例え.jp/記事}'],
    ["\\href's URL", '\\href{https://例え.jp/記事}{x}'],
    ['\\operatorname', '\\operatorname{最大} f'],
    ['\\operatorname*', '\\operatorname*{最大}_{x} f(x)'],
    ['\\text and its kin', '\\text{日本} \\textbf{語} \\hbox{の} \\textrm{文}'],
    ["\\def's parameter text", '\\def\\比#1対#2{\\frac{#1}{#2}}'],
    ['a % comment', 'x % 日本語の注釈'],
  ])('leaves %s as written', (_context, tex) => {
    expect(rewritten(tex)).toBe(tex);
  });

  it('still sets Japanese next to those contexts as text', () => {
    expect(rewritten('\\verb|日本| と x')).toBe('\\verb|日本|\\text{ と }x');
    expect(rewritten('\\href{https://例.jp/}{記事}')).toBe('\\href{https://例.jp/}{\\text{記事}}');
    expect(rewritten('\\def\\比#1対#2{#1 対 #2}')).toBe('\\def\\比#1対#2{#1\\text{ 対 }#2}');
  });

  it('renders \\verb|日本| in typewriter type, not as \\text{日本}', () => {
    const result = render('\\verb|日本|');
    expect(result.html).toContain('<mtext mathvariant="monospace">日本</mtext>');
    expect(result.diagnostics).toEqual([]);
  });

  it('sets an operator name in Japanese upright without a warning', () => {
    const result = render('\\operatorname*{最大}_{x} f(x)');
    expect(result.html).toContain('<mi mathvariant="normal">最大</mi>');
    expect(result.diagnostics).toEqual([]);
  });
});
