import { describe, expect, it } from 'vitest';
import { createMathEngine, type FormulaRequest } from '../../src/math/index.js';

const at = { file: 'content/posts/a.md', line: 12, column: 3 };

function request(tex: string, overrides: Partial<FormulaRequest> = {}): FormulaRequest {
  return { tex, displayMode: false, macros: {}, location: at, ...overrides };
}

describe('a formula that makes KaTeX or our own code throw', () => {
  it('is an error at the formula saying what KaTeX reported, shown as an error box', () => {
    const tex = '\\textsf{\\textit{\\textbf{x}}}';
    const result = createMathEngine().render(request(tex));
    expect(result.ok).toBe(false);
    expect(result.html).toContain('class="math-error"');
    expect(result.html).toContain(`<code>${tex}</code>`);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'content/posts/a.md',
        line: 12,
        column: 3,
        severity: 'error',
        code: 'math/katex-error',
        message: expect.stringContaining('Font metrics not found for font: SansSerif-BoldItalic'),
      }),
    ]);
  });

  it('does not stop the next formulas of the same engine', () => {
    const engine = createMathEngine();
    engine.render(request('\\textsf{\\textit{\\textbf{x}}}', { displayMode: true }));
    expect(engine.render(request('x^2')).ok).toBe(true);
  });

  it('turns a failure of our own code into a located error, not an exception', () => {
    // A reference without a number cannot come from the markdown stage; it stands for any bug of ours.
    const broken = { references: { a: { number: null, href: '#eq-1' } } } as never;
    const result = createMathEngine().render(request('\\eqref{a}', broken));
    expect(result.ok).toBe(false);
    expect(result.html).toContain('class="math-error"');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ line: 12, column: 3, code: 'math/internal-error' }),
    ]);
  });
});
