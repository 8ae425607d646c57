import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

/** What a reader sees: the page text without KaTeX's hidden MathML. */
function visible(html: string): string {
  const page = parse(html);
  for (const hidden of page.querySelectorAll('.katex-mathml')) hidden.remove();
  return page.textContent;
}

function located(diagnostics: { line: number; column: number; code: string }[]) {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

function annotations(html: string): string[] {
  return parse(html)
    .querySelectorAll('annotation')
    .map((annotation) => annotation.textContent);
}

// The fixture's front matter is 4 lines: body line 1 is file line 5.
describe('\\begin{…} … \\end{…} written outside $$, as Qiita and Zenn authors do', () => {
  it('takes an align right after a prose line for display math, rows and numbers kept', () => {
    const { html, diagnostics, formulaCount, equations } = render(
      '漸化式を解く。\n\\begin{align}\na_{n+1} &= 2a_n \\\\\na_n &= 2^n a_0\n\\end{align}\n式 (2) が答え。\n',
    );
    expect(diagnostics).toEqual([]);
    expect(formulaCount).toBe(1);
    expect(equations.map((equation) => equation.number)).toEqual(['1', '2']);
    expect(annotations(html)).toEqual([
      '\\begin{align}\na_{n+1} &= 2a_n \\\\\na_n &= 2^n a_0\n\\end{align}',
    ]);
    expect(visible(html)).not.toContain('\\begin');
    const paragraphs = parse(html)
      .querySelectorAll('p')
      .map((p) => p.textContent);
    expect(paragraphs).toEqual(['漸化式を解く。', '式 (2) が答え。']);
    expect(parse(html).querySelector('p a')?.getAttribute('href')).toBe('#eq-2');
  });

  it('accepts each display environment and its starred form, and CD', () => {
    const bodies = [
      '\\begin{equation}\nx = 1\n\\end{equation}',
      '\\begin{equation*}\nx = 1\n\\end{equation*}',
      '\\begin{gather}\nx \\\\\ny\n\\end{gather}',
      '\\begin{gather*}\nx \\\\\ny\n\\end{gather*}',
      '\\begin{multline*}\nx + y \\\\\n+ z\n\\end{multline*}',
      '\\begin{alignat}{2}\nx &= 1 & y &= 2\n\\end{alignat}',
      '\\begin{align*}\nx &= 1\n\\end{align*}',
      '\\begin{CD}\nA @>f>> B\n\\end{CD}',
    ];
    const { html, diagnostics, formulaCount } = render(bodies.join('\n\n') + '\n');
    expect(diagnostics).toEqual([]);
    expect(formulaCount).toBe(bodies.length);
    expect(parse(html).querySelectorAll('.math-display')).toHaveLength(bodies.length);
  });

  it('works in a quote and a list, and keeps text after \\end{…} as a paragraph', () => {
    const { html, diagnostics } = render(
      '> \\begin{gather*}\n> x \\\\\n> y\n> \\end{gather*}\n\n- 項目\n  \\begin{align*}\n  a &= b\n  \\end{align*} のとき\n',
    );
    expect(diagnostics).toEqual([]);
    expect(parse(html).querySelectorAll('blockquote .math-display')).toHaveLength(1);
    expect(parse(html).querySelectorAll('li .math-display')).toHaveLength(1);
    expect(visible(html)).toContain('のとき');
    expect(visible(html)).not.toContain('\\end');
  });

  it('ends at the matching \\end, not at one in a comment or of a nested environment of the same name', () => {
    const { html, diagnostics } = render(
      '\\begin{equation}\nx = 1 % \\end{equation} はまだ\n\\end{equation}\n\n後ろの文。\n',
    );
    expect(diagnostics).toEqual([]);
    expect(annotations(html)).toEqual([
      '\\begin{equation}\nx = 1 % \\end{equation} はまだ\n\\end{equation}',
    ]);
  });

  it('reports an environment not closed before a blank line at its \\begin, and keeps the rest', () => {
    const { html, diagnostics } = render(
      '前の文。\n\n  \\begin{align}\n  a &= b \\\\\n\n後ろの文。\n',
    );
    expect(located(diagnostics)).toEqual(['7:3 math/unclosed-display']);
    expect(diagnostics[0]!.message).toContain('\\end{align}');
    expect(parse(html).querySelector('.math-error')?.textContent).toContain('\\begin{align}');
    expect(visible(html)).toContain('後ろの文。');
  });

  it('leaves \\begin in the middle of a line, and indented code, alone', () => {
    const { formulaCount, html } = render(
      '文中の \\begin{align} は数式ではない。\n\n    \\begin{align}\n    a &= b\n    \\end{align}\n',
    );
    expect(formulaCount).toBe(0);
    expect(parse(html).querySelector('pre')?.textContent).toContain('\\begin{align}');
  });
});
