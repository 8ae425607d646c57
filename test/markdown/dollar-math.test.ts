import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

/** The TeX of each formula on the page, as its MathML annotation carries it. */
function formulas(html: string): string[] {
  return parse(html)
    .querySelectorAll('annotation')
    .map((annotation) => annotation.textContent);
}

function located(diagnostics: { line: number; column: number; code: string }[]) {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

// The fixture's front matter is 4 lines: body line 1 is file line 5.
describe('inline $…$ as KaTeX’s auto-render reads it', () => {
  it('keeps a $ inside \\text{…} inside the formula', () => {
    const { html, diagnostics } = render(
      '条件 $f(x) = 1 \\text{ (ただし $x>0$ のとき)}$ を使う。\n',
    );
    expect(diagnostics).toEqual([]);
    expect(formulas(html)).toEqual(['f(x) = 1 \\text{ (ただし $x>0$ のとき)}']);
  });

  it('does the same inside \\hbox{…} and \\textbf{…}, and in inline $$…$$', () => {
    const { html, diagnostics } = render(
      '一つ目 $a \\hbox{と $b$}$、二つ目 $c \\textbf{$d$ 以下}$、三つ目 $$e \\text{$f$}$$。\n',
    );
    expect(diagnostics).toEqual([]);
    expect(formulas(html)).toEqual(['a \\hbox{と $b$}', 'c \\textbf{$d$ 以下}', 'e \\text{$f$}']);
  });

  it('keeps \\$ a dollar sign, inside a formula and in prose', () => {
    const { html, diagnostics } = render('価格は \\$5 で、式 $\\$x + 1$ もある。\n');
    expect(diagnostics).toEqual([]);
    expect(formulas(html)).toEqual(['\\$x + 1']);
    expect(parse(html).querySelector('p')!.textContent).toContain('価格は $5 で');
  });

  it('still reports an unbalanced brace at its { rather than leaving prose', () => {
    const { diagnostics } = render('式 $\\frac{1}{x$ と $y$ を比べる。\n');
    expect(located(diagnostics)).toEqual(['5:12 math/katex-error']);
    expect(diagnostics[0]!.message).toContain('never closed');
  });

  it('keeps texmath’s guards for prices: 100$, $5 and $5-$10 are not math', () => {
    const { formulaCount, diagnostics } = render(
      'この本は100$で、あの本は $5 だった。値段は $5-$10 の幅がある。\n',
    );
    expect(formulaCount).toBe(0);
    expect(diagnostics).toEqual([]);
  });

  it('takes $n$2つ, a digit right after the closing $ in Japanese, as math', () => {
    const { html, diagnostics, formulaCount } = render('$n$2つの場合と $k$3個の場合を考える。\n');
    expect(diagnostics).toEqual([]);
    expect(formulaCount).toBe(2);
    expect(formulas(html)).toEqual(['n', 'k']);
  });

  it('explains a formula refused because a digit follows it, instead of calling it unclosed', () => {
    const { diagnostics, formulaCount } = render('個数は $2^n$3 通りある。\n');
    expect(formulaCount).toBe(0);
    expect(located(diagnostics)).toEqual(['5:5 math/digit-after-dollar']);
    expect(diagnostics[0]!.message).not.toContain('not closed');
    expect(diagnostics[0]!.hint).toContain('\\(2^n\\)');
    expect(located(render('$n$2つ、$2^n$3 通り。\n').diagnostics)).toEqual([
      '5:7 math/digit-after-dollar',
    ]);
  });
});

describe('a formula cut by Markdown is reported with its cause', () => {
  it('names a continuation line that starts a list item or a quote', () => {
    for (const marker of ['+', '-', '1.', '>']) {
      const { diagnostics } = render(`和 $a\n${marker} b$ を考える。\n`);
      expect(located(diagnostics)).toEqual(['5:3 math/split-by-markdown']);
      expect(diagnostics[0]!.message).toContain(`\`${marker} \``);
      expect(diagnostics[0]!.hint).toContain('end of the line before');
    }
  });

  it('still calls a formula that is simply not closed unclosed', () => {
    const { diagnostics } = render('和 $a\nと b を考える。\n');
    expect(located(diagnostics)).toEqual(['5:3 math/unclosed-inline']);
  });

  it('suggests \\vert for a | that splits a table cell', () => {
    const { diagnostics } = render('| 式 | 意味 |\n|---|---|\n| $|x|$ | 絶対値 |\n');
    expect(located(diagnostics)).toEqual(['7:3 math/pipe-in-table']);
    expect(diagnostics[0]!.hint).toContain('\\vert');
    expect(render('| 品 | 値段 |\n|---|---|\n| 本 | $5 くらい |\n').diagnostics).toEqual([]);
  });
});
