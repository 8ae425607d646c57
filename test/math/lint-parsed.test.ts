import { describe, expect, it } from 'vitest';
import { createMathEngine, type FormulaRequest } from '../../src/math/index.js';

const at = { file: 'content/posts/a.md', line: 10, column: 1 };

function codes(tex: string, overrides: Partial<FormulaRequest> = {}) {
  return createMathEngine()
    .render({ tex, displayMode: false, macros: {}, location: at, ...overrides })
    .diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

describe('lints read the TeX as KaTeX does, not as a pattern', () => {
  it('accept \\left and \\right paired through a macro defined in the formula', () => {
    expect(codes('\\def\\lp{\\left(}\\lp x\\right)')).toEqual([]);
    expect(codes('\\newcommand{\\rp}{\\right)}\\left( x \\rp')).toEqual([]);
  });

  it('accept \\left and \\right paired through a site or article macro', () => {
    expect(codes('\\lp x \\right)', { macros: { '\\lp': '\\left(' } })).toEqual([]);
  });

  it('still find an unmatched \\left where no macro is involved', () => {
    expect(codes('\\def\\half{\\frac12}\\left( \\half')).toContain(
      '10:19 math/unbalanced-left-right',
    );
  });

  it('ignore & and \\left inside \\verb', () => {
    expect(codes('\\verb|a&b| + x')).toEqual([]);
    expect(codes('\\verb+\\left(+ + x')).toEqual([]);
  });
});
