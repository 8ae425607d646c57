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

// The fixture's front matter is 4 lines: body line 1 is file line 5.
describe('math delimiters that never fail silently', () => {
  it('renders \\(…\\) broken over two lines of hard-wrapped Japanese', () => {
    const { html, diagnostics, formulaCount } = render(
      'ここで \\(a + b\n= c\\) とおくと、次の行に続く。\n',
    );
    expect(diagnostics).toEqual([]);
    expect(formulaCount).toBe(1);
    expect(visible(html)).not.toContain('\\(');
    expect(visible(html)).toContain('とおくと');
  });

  it('renders $…$ broken over two lines too', () => {
    const { formulaCount, html } = render('関数 $f(x) =\nx^2$ を考える。\n');
    expect(formulaCount).toBe(1);
    expect(visible(html)).not.toContain('$');
  });

  it('makes \\[ right after a prose line display math, not a [', () => {
    const { html } = render('次の式を考える。\n\\[\nx^2 = 2\n\\]\nこれを解く。\n');
    const page = parse(html);
    expect(page.querySelector('p > .math-display, p .katex-display')).toBeNull();
    expect(page.querySelectorAll('.math-display .katex-display')).toHaveLength(1);
    expect(visible(html)).not.toMatch(/\[|\]/);
    expect(page.querySelectorAll('p').map((p) => p.textContent)).toEqual([
      '次の式を考える。',
      'これを解く。',
    ]);
  });

  it('makes $$ right after a prose line a display block of its own, not nested in <p>', () => {
    const { html } = render('次の式を考える。\n$$\n\\sum_{k=1}^n k = \\frac{n(n+1)}{2}\n$$\n');
    expect(html).toMatch(/^<p>次の式を考える。<\/p>\n<div class="math-display">/);
  });

  it('reports an unclosed $$ at its line, shows its source in an error box and keeps the rest of the article', () => {
    const { html, diagnostics } = render(
      '前の段落。\n\n$$\nx^2 = 2\n\n後ろの段落には $y$ がある。\n\n## 次の節\n',
    );
    expect(located(diagnostics)).toEqual(['7:1 math/unclosed-display']);
    expect(diagnostics[0]!.severity).toBe('error');
    const page = parse(html);
    expect(page.querySelector('.math-error')?.textContent).toContain('x^2 = 2');
    expect(page.querySelectorAll('p').map((p) => visible(p.toString()))).toEqual([
      '前の段落。',
      expect.stringContaining('後ろの段落には'),
    ]);
    expect(page.querySelector('h2')?.textContent).toBe('次の節');
  });

  it('reports an unclosed \\[ at the end of the article the same way', () => {
    const { diagnostics } = render('\\[\nx = 1\n');
    expect(located(diagnostics)).toEqual(['5:1 math/unclosed-display']);
    expect(diagnostics[0]!.message).toContain('end of the article');
  });

  it('lets $ stand inside display math, as in \\text{if $x>0$}', () => {
    const { html, diagnostics } = render(
      '$$\nf(x) = \\begin{cases} 1 & \\text{if $x>0$} \\\\ 0 & \\text{otherwise} \\end{cases}\n$$\n',
    );
    expect(diagnostics).toEqual([]);
    expect(parse(html).querySelectorAll('.katex-display')).toHaveLength(1);
  });

  it('keeps text written after a closing $$ on the same line', () => {
    const { html } = render('$$ a^2 + b^2 = c^2 $$ が成り立つ。\n');
    expect(parse(html).querySelectorAll('.katex-display')).toHaveLength(1);
    expect(html).toContain('<p>が成り立つ。</p>');
  });

  it('reads a number after $$ … $$ as its tag', () => {
    const { html, equations } = render('$$\nE = mc^2\n$$ (1.1)\n');
    expect(equations.map((e) => e.anchor)).toEqual(['eq-1.1']);
    expect(visible(html)).toContain('(1.1)');
  });

  it('still does not take a lone dollar in prose for math', () => {
    const { formulaCount, diagnostics } = render('この本は100$で、あの本は 20$ だった。\n');
    expect(formulaCount).toBe(0);
    expect(diagnostics).toEqual([]);
  });

  it('warns at an unclosed $ and an unclosed \\( in a paragraph', () => {
    const { diagnostics, html } = render('一行目。\n式 $x^2 の値と \\(y が\n残る。\n');
    expect(located(diagnostics)).toEqual(['6:3 math/unclosed-inline', '6:12 math/unclosed-inline']);
    expect(diagnostics[0]!.hint).toContain('\\$');
    expect(visible(html)).toContain('の値と');
  });

  it('warns at \\[ … \\] in the middle of a paragraph but not at an escaped bracket', () => {
    expect(located(render('値は \\[x^2\\] となる。\n').diagnostics)).toEqual([
      '5:4 math/display-inside-paragraph',
    ]);
    expect(render('注 \\[1\\] を見よ。\n').diagnostics).toEqual([]);
  });

  it('locates a formula in a list item and in a quote on their own columns', () => {
    const { diagnostics } = render('- 項目 $\\oops$\n\n> 引用 \\(\\bad\\)\n');
    expect(located(diagnostics)).toEqual(['5:7 math/katex-error', '7:8 math/katex-error']);
  });

  it('locates an error on the second line of a display inside a list', () => {
    const { diagnostics } = render('- 次の式:\n\n  $$\n  a = b\n  c = \\oops\n  $$\n');
    expect(located(diagnostics)).toEqual(['9:7 math/katex-error']);
  });
});
