import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine, readEquationMarks, type FormulaRequest } from '../../src/math/index.js';

const at = { file: 'content/posts/a.md', line: 3, column: 1 };

function render(tex: string, overrides: Partial<FormulaRequest> = {}) {
  return createMathEngine().render({
    tex,
    displayMode: true,
    macros: {},
    location: at,
    ...overrides,
  });
}

function links(html: string) {
  return parse(html)
    .querySelectorAll('.katex-html a')
    .map((a) => `${a.getAttribute('href')} ${a.textContent}`);
}

describe('equation numbers and references in a formula', () => {
  it('accepts \\label (KaTeX alone rejects it) and shows the automatic number it is given', () => {
    expect(
      createMathEngine().render({
        tex: 'a \\label{x}',
        displayMode: true,
        macros: {},
        location: at,
      }).ok,
    ).toBe(true);
    const result = render('e^{i\\pi} = -1 \\label{euler}', { autoTag: '1' });
    expect(result.diagnostics).toEqual([]);
    expect(parse(result.html).querySelector('.katex-tag')?.textContent).toBe('(1)');
  });

  it('renders \\eqref{name} as the linked number (2.4) and \\ref{name} as 2.4', () => {
    const result = render('\\text{式 }\\eqref{sum}\\text{ と }\\ref{sum}', {
      references: { sum: { number: '2.4', href: '#eq-2.4' } },
    });
    expect(result.diagnostics).toEqual([]);
    expect(links(result.html)).toEqual(['#eq-2.4 (2.4)', '#eq-2.4 2.4']);
  });

  it('shows (??) for an unknown label, as LaTeX does, without a link', () => {
    const result = render('\\eqref{nothing}');
    expect(result.ok).toBe(true);
    expect(links(result.html)).toEqual([]);
    expect(parse(result.html).querySelector('.katex-html')?.textContent).toContain('(??)');
  });

  it('makes the number of a restated tag a link back to the original', () => {
    const result = render('a^2 + b^2 = c^2 \\tag{3.1、再掲}', { tagLink: '#eq-3.1' });
    expect(links(result.html)).toEqual(['#eq-3.1 3.1、再掲']);
  });

  it('trusts no link but its own: an author’s \\href to the same kind of place stays disabled', () => {
    const result = render('\\href{#eq-9}{x} + \\eqref{a}', {
      references: { a: { number: '1', href: '#eq-1' } },
    });
    expect(links(result.html)).toEqual(['#eq-1 (1)']);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['math/disabled-command']);
  });

  it('reads the tag, labels and references of a formula with their offsets', () => {
    const marks = readEquationMarks('x \\label{a} = \\eqref{b} \\tag*{2.4} % \\label{c}');
    expect(marks.tag).toMatchObject({ text: '2.4', starred: true });
    expect(marks.labels).toEqual([{ text: 'a', start: 2, end: 11 }]);
    expect(marks.references).toEqual([{ text: 'b', start: 14, end: 23, style: 'eqref' }]);
  });
});
