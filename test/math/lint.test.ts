import { describe, expect, it } from 'vitest';
import { createMathEngine, FORMULA_LINTS, type FormulaRequest } from '../../src/math/index.js';

/** The formula's TeX starts on line 10, column 1 (right after a `$$` line). */
const at = { file: 'content/posts/a.md', line: 10, column: 1 };

function render(tex: string, overrides: Partial<FormulaRequest> = {}) {
  return createMathEngine().render({
    tex,
    displayMode: true,
    macros: {},
    location: at,
    ...overrides,
  });
}

function codes(tex: string, overrides: Partial<FormulaRequest> = {}) {
  return render(tex, overrides).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

describe('formula lints', () => {
  it('are each a function of a formula and a context, in one list', () => {
    expect(FORMULA_LINTS.length).toBeGreaterThanOrEqual(5);
    const found = FORMULA_LINTS.flatMap((lint) =>
      lint({ tex: 'a & b', displayMode: true }, { at: () => at }),
    );
    expect(found.map((d) => d.code)).toEqual(['math/ampersand-outside-alignment']);
  });

  it('warn when a row of aligned lost one backslash of its \\\\', () => {
    const tex = '\\begin{aligned}\n(a+b)^2 &= a^2 + 2ab + b^2 \\\n&\\ge 4ab\n\\end{aligned}';
    const result = render(tex);
    expect(result.ok).toBe(true); // KaTeX says nothing: the rows are simply joined
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'math/lost-row-break',
        line: 11,
        column: 28,
      }),
    ]);
    expect(result.diagnostics[0]!.hint).toContain('\\\\');
  });

  it('warn about a lost \\\\ in cases, array and matrices too', () => {
    expect(codes('|x| = \\begin{cases}\nx & (x \\ge 0) \\\n-x & (x < 0)\n\\end{cases}')).toEqual([
      '11:15 math/lost-row-break',
    ]);
    expect(codes('\\begin{pmatrix}\n1 & 2 \\\n3 & 4\n\\end{pmatrix}')).toEqual([
      '11:7 math/lost-row-break',
    ]);
    // The joined row has three cells, which KaTeX notices in an array; the lint says why.
    expect(codes('\\begin{array}{cc}\n1 & 2 \\\n3 & 4\n\\end{array}')).toContain(
      '11:7 math/lost-row-break',
    );
  });

  it('say nothing about correct rows, a final row or a control space outside an alignment', () => {
    expect(codes('\\begin{aligned}\na &= b \\\\\nc &= d \\\n\\end{aligned}')).toEqual([]);
    expect(codes('a \\\nb')).toEqual([]);
  });

  it('warn when a row ends with \\& instead of \\\\', () => {
    expect(codes('\\begin{aligned}\na &= b \\&\nc &= d\n\\end{aligned}')).toEqual([
      '11:8 math/ampersand-at-row-end',
    ]);
    expect(codes('\\begin{aligned}\na &= b \\& c \\\\\nd &= e\n\\end{aligned}')).toEqual([]);
  });

  it('explain & outside an alignment next to KaTeX’s error, in plain words', () => {
    const result = render('a &= b + c', { displayMode: false });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'math/katex-error', column: 3 }),
      expect.objectContaining({ code: 'math/ampersand-outside-alignment', column: 3 }),
    ]);
    expect(result.diagnostics[0]!.message).toMatch(/^`&` outside an alignment environment/);
    expect(result.diagnostics[0]!.hint).toContain('aligned');
  });

  it('find a \\left whose \\right is on the next row of aligned', () => {
    const tex = '\\begin{aligned}\nf &= \\left( a + b \\\\\n&\\quad + c \\right)\n\\end{aligned}';
    const diagnostics = render(tex).diagnostics.filter(
      (d) => d.code === 'math/unbalanced-left-right',
    );
    expect(diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['11:6', '12:12']);
    expect(diagnostics[0]!.hint).toContain('\\bigl(');
  });

  it('find an unmatched \\left or \\right, and accept matched ones and \\leftarrow', () => {
    expect(codes('\\left( \\frac{1}{2}', { displayMode: false })).toContain(
      '10:1 math/unbalanced-left-right',
    );
    expect(codes('x \\right)', { displayMode: false })).toContain(
      '10:3 math/unbalanced-left-right',
    );
    expect(codes('\\left( x \\middle| y \\right) \\leftarrow \\rightarrow')).toEqual([]);
  });

  it('warn that \\href, \\url and \\includegraphics are disabled, and render them harmlessly', () => {
    const result = render(
      '\\href{javascript:alert(1)}{x} + \\url{https://example.com} + \\includegraphics{a.png}',
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      'math/disabled-command',
      'math/disabled-command',
      'math/disabled-command',
    ]);
    expect(result.diagnostics[0]!.message).toContain('`\\href` is disabled');
    expect(result.html).not.toMatch(/href="javascript|<img/);
  });

  it('catch a disabled command that comes from a macro, at the formula', () => {
    const result = render('\\evil', { macros: { '\\evil': '\\href{javascript:alert(1)}{x}' } });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'math/disabled-command', line: 10, column: 1 }),
    ]);
    expect(result.html).not.toContain('<a ');
  });
});
