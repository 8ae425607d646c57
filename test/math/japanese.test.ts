import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine, type FormulaRequest } from '../../src/math/index.js';

const at = { file: 'content/posts/a.md', line: 7, column: 4 };

function render(tex: string, overrides: Partial<FormulaRequest> = {}) {
  return createMathEngine().render({
    tex,
    displayMode: true,
    macros: {},
    location: at,
    ...overrides,
  });
}

/** Text of the KaTeX HTML (what is seen) set as text, and set in math fonts. */
function runs(html: string) {
  const page = parse(html);
  // KaTeX writes a space in text as a no-break space.
  const text = page
    .querySelectorAll('.katex-html .text')
    .map((span) => span.textContent.replace(/\u00a0/g, ' '));
  const math = page
    .querySelectorAll('.katex-html .mord.mathnormal')
    .map((span) => span.textContent)
    .join('');
  return { text, math };
}

describe('Japanese inside math', () => {
  it('sets 「となるので、X と Y を戻すと」 as text around math X and Y, with no warning', () => {
    const result = render('A = B となるので、X と Y を戻すと C');
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
    const { text, math } = runs(result.html);
    expect(text).toEqual([' となるので、', ' と ', ' を戻すと ']);
    expect(math).toBe('ABXYC');
  });

  it('keeps the spaces around Japanese words, which math mode would drop', () => {
    const { html } = render('x \\in A かつ x \\notin B');
    expect(runs(html).text).toEqual([' かつ ']);
  });

  it('handles full-width punctuation and the ideographic space as text', () => {
    const result = render('f(x)　（ただし　x＞０）');
    expect(result.diagnostics).toEqual([]);
    expect(runs(result.html).text).toEqual(['　（ただし　', '＞０）']);
    expect(runs(result.html).math).toBe('fxx');
  });

  it('leaves Japanese already in \\text alone and sets it as text inside \\mathrm', () => {
    const result = render('\\text{ただし} n \\ge 1,\\ \\mathrm{最大}(a, b)');
    expect(result.diagnostics).toEqual([]);
    expect(result.html).not.toContain('\\text{\\text');
    expect(runs(result.html).text).toEqual(['ただし', '最大']);
  });

  it('works inside aligned, in subscripts and in a restated \\tag', () => {
    const tex =
      '\\begin{aligned}\nS_{偶数} &= 2 + 4 \\quad よって \\\\\nS &= 6\n\\end{aligned}\n\\tag{3.1、再掲}';
    const result = render(tex);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(runs(result.html).text).toEqual(
      expect.arrayContaining(['偶数', 'よって ', '(3.1、再掲)']),
    );
  });

  it("shows the author's TeX in the MathML annotation, not the rewritten one", () => {
    const { html } = render('X となる');
    expect(html).toContain('<annotation encoding="application/x-tex">X となる</annotation>');
  });

  it('reports an error in a formula with Japanese at its place in the author’s TeX', () => {
    const result = render('a となる \\oops', { displayMode: false });
    // `\oops` is at index 6 of the TeX, which starts at column 4.
    expect(result.diagnostics[0]).toMatchObject({ code: 'math/katex-error', line: 7, column: 10 });
  });

  it('still warns about other scripts set in math mode, at the character', () => {
    const result = render('x 한 y', { displayMode: false });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'math/katex-unicodeTextInMathMode',
        line: 7,
        column: 6,
      }),
    ]);
    expect(result.diagnostics[0]!.hint).toContain('\\text');
  });
});
