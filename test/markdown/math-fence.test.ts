import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

/** The TeX of each display formula on the page, from KaTeX's MathML annotation. */
function displays(html: string): string[] {
  return parse(html)
    .querySelectorAll('.math-display annotation')
    .map((annotation) => annotation.textContent.trim());
}

describe('```math fences (GitHub, Qiita, GitLab) are display math', () => {
  it('renders a Qiita-style math block as a formula, not as code', () => {
    const { html, diagnostics, formulaCount } = render(
      '二次方程式の解の公式は次のとおり。\n\n```math\nx = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\n```\n',
    );
    expect(diagnostics).toEqual([]);
    expect(formulaCount).toBe(1);
    expect(html).not.toContain('<pre');
    expect(displays(html)).toEqual(['x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}']);
  });

  it('numbers a \\tag and links 式 (1) to it exactly as for $$', () => {
    const fromFence = render(
      '```math\ne^{i\\pi} + 1 = 0 \\tag{1}\n```\n\n式 (1) はオイラーの等式である。\n',
    );
    const fromDollars = render(
      '$$\ne^{i\\pi} + 1 = 0 \\tag{1}\n$$\n\n式 (1) はオイラーの等式である。\n',
    );
    expect(fromFence.equations).toEqual([{ number: '1', anchor: 'eq-1', labels: [] }]);
    expect(fromFence.html).toContain('<div class="math-display" id="eq-1">');
    expect(parse(fromFence.html).querySelector('a.eqref')?.getAttribute('href')).toBe('#eq-1');
    // The same page, but for the line breaks `$$` keeps around the TeX in the annotation.
    const trimmed = (html: string) => html.replace(/(<annotation[^>]*>)\s*([^<]*?)\s*</g, '$1$2<');
    expect(trimmed(fromFence.html)).toBe(trimmed(fromDollars.html));
  });

  it('gives a \\label an automatic number that \\eqref finds', () => {
    const { html, equations, diagnostics } = render(
      '```math\n\\int_0^1 x\\,dx = \\frac{1}{2} \\label{eq:area}\n```\n\n面積は \\eqref{eq:area} で求めた。\n',
    );
    expect(diagnostics).toEqual([]);
    expect(equations).toEqual([{ number: '1', anchor: 'eq-1', labels: ['eq:area'] }]);
    expect(parse(html).querySelector('a.eqref')?.textContent).toBe('(1)');
  });

  it('reports a KaTeX error at the file, line and column of the mistake', () => {
    // Line 5 is the front matter's end; the fence opens on line 7, the error is on line 9.
    const { diagnostics } = render('まず定義する。\n\n```math\na = 1\nb = \\fracc{1}{2}\n```\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      file: 'content/posts/test.md',
      line: 9,
      column: 5,
      severity: 'error',
      code: 'math/katex-error',
    });
  });

  it('finds the column inside a quote and a list item', () => {
    const quoted = render('> 引用の中の式:\n>\n> ```math\n> \\sqrt{\\undefinedcommand}\n> ```\n');
    expect(quoted.diagnostics[0]).toMatchObject({ line: 8, column: 9 });
    const listed = render('- 箇条書きの中の式\n\n  ```math\n  \\foo + 1\n  ```\n');
    expect(listed.diagnostics[0]).toMatchObject({ line: 8, column: 3 });
  });

  it('reports an unclosed fence instead of making the rest of the article one formula', () => {
    const { html, diagnostics } = render('```math\nx^2\n\nここからは本文のつもり。\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      line: 5,
      severity: 'error',
      code: 'math/unclosed-display',
    });
    expect(html).toContain('class="math-error"');
  });

  it('leaves other fences as code: ```latex is TeX shown as source', () => {
    const { html, formulaCount } = render('```latex\n\\frac{1}{2}\n```\n');
    expect(formulaCount).toBe(0);
    expect(html).toContain('data-language="latex"');
  });
});
