import { describe, expect, it } from 'vitest';
import { createMathEngine, type FormulaRequest } from '../../src/math/index.js';

const at = { file: 'content/posts/a.md', line: 7, column: 4 };

function request(tex: string, overrides: Partial<FormulaRequest> = {}): FormulaRequest {
  return { tex, displayMode: false, macros: {}, location: at, ...overrides };
}

describe('math engine', () => {
  it('renders HTML and MathML so screen readers can read the formula', () => {
    const result = createMathEngine().render(request('e^{i\\pi} + 1 = 0'));
    expect(result.ok).toBe(true);
    expect(result.html).toContain('class="katex-html"');
    expect(result.html).toContain('<math');
    expect(result.html).toContain(
      '<annotation encoding="application/x-tex">e^{i\\pi} + 1 = 0</annotation>',
    );
    expect(result.diagnostics).toEqual([]);
  });

  it('shows \\tag numbers in display math', () => {
    const result = createMathEngine().render(request('a = b \\tag{2.4}', { displayMode: true }));
    expect(result.html).toContain('katex-display');
    expect(result.html).toContain('(2.4)');
  });

  it('turns a KaTeX error into a located diagnostic and a visible error box with the source', () => {
    const result = createMathEngine().render(request('\\frac{1}{'));
    expect(result.ok).toBe(false);
    expect(result.html).toContain('class="math-error"');
    expect(result.html).toContain('<code>\\frac{1}{</code>');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      file: 'content/posts/a.md',
      line: 7,
      severity: 'error',
      code: 'math/katex-error',
    });
    expect(result.diagnostics[0]!.hint).toBeTruthy();
  });

  it('points at the offending command inside the formula', () => {
    const result = createMathEngine().render(request('x + \\foo'));
    // `\foo` starts at index 4 of the TeX, which starts at column 4.
    expect(result.diagnostics[0]).toMatchObject({ line: 7, column: 8 });
    expect(result.diagnostics[0]!.message).toContain('\\foo');
  });

  it('counts lines inside a multi-line formula for the error position', () => {
    const tex = '\\begin{aligned}\na &= b \\\\\nc &= \\oops\n\\end{aligned}';
    const result = createMathEngine().render(request(tex, { displayMode: true }));
    // `\oops` is on the formula's third line, after `c &= `.
    expect(result.diagnostics[0]).toMatchObject({ line: 9, column: 6 });
  });

  it('uses the macros it is given and leaks no \\gdef into the next formula', () => {
    const engine = createMathEngine();
    const macros = { '\\R': '\\mathbb{R}' };
    expect(engine.render(request('x \\in \\R', { macros })).ok).toBe(true);
    expect(engine.render(request('\\gdef\\leak{y} \\leak', { macros })).ok).toBe(true);
    expect(engine.render(request('\\leak', { macros })).ok).toBe(false);
    expect(macros).toEqual({ '\\R': '\\mathbb{R}' });
  });

  it('never lets \\href run JavaScript', () => {
    const result = createMathEngine().render(request('\\href{javascript:alert(1)}{x}'));
    expect(result.html).not.toMatch(/href="javascript:/i);
    expect(result.html).not.toContain('<a ');
  });

  it('stops a macro bomb with an error instead of hanging', () => {
    const bomb = {
      '\\a': '\\b\\b',
      '\\b': '\\c\\c',
      '\\c': '\\d\\d',
      '\\d': '\\e\\e',
      '\\e': '\\f\\f',
      '\\f': '\\g\\g',
      '\\g': '\\h\\h',
      '\\h': '\\i\\i',
      '\\i': '\\j\\j',
      '\\j': 'xx',
    };
    const result = createMathEngine().render(request('\\a\\a\\a\\a', { macros: bomb }));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.message).toMatch(/Too many expansions/);
  });

  it('renders a repeated formula once but reports each occurrence at its own place', () => {
    const engine = createMathEngine();
    const first = engine.render(request('\\undefinedthing'));
    const second = engine.render(request('\\undefinedthing', { location: { ...at, line: 20 } }));
    expect(engine.distinctFormulas).toBe(1);
    expect(first.diagnostics[0]!.line).toBe(7);
    expect(second.diagnostics[0]!.line).toBe(20);
  });
});
