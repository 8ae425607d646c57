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
    const result = render('e^{i\\pi} = -1 \\label{euler}', {
      numbering: [{ row: 0, autoTag: '1' }],
    });
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
    const result = render('a^2 + b^2 = c^2 \\tag{3.1、再掲}', {
      numbering: [{ row: 0, tagLink: '#eq-3.1' }],
    });
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
    expect(marks.rows).toHaveLength(1);
    expect(marks.rows[0]!.tag).toMatchObject({ text: '2.4', starred: true });
    expect(marks.rows[0]!.labels).toEqual([{ text: 'a', start: 2, end: 11 }]);
    expect(marks.references).toEqual([{ text: 'b', start: 14, end: 23, style: 'eqref' }]);
  });

  it('splits a display into the rows amsmath numbers', () => {
    const rows = (tex: string) =>
      readEquationMarks(tex).rows.map((row) => ({
        row: tex.slice(row.start, row.end).trim(),
        numbered: row.numbered,
        notag: row.notag !== undefined,
        labels: row.labels.map((label) => label.text),
      }));
    expect(
      rows(
        '\\begin{align} a &= \\begin{aligned} b \\\\ c \\end{aligned} \\\\ ' +
          'd &= \\text{{x \\\\ y}} \\notag % e \\\\ f\n\\\\ \\label{last} \\end{align}',
      ),
    ).toEqual([
      {
        row: 'a &= \\begin{aligned} b \\\\ c \\end{aligned}',
        numbered: true,
        notag: false,
        labels: [],
      },
      {
        row: 'd &= \\text{{x \\\\ y}} \\notag % e \\\\ f\n\\\\ \\label{last}',
        numbered: true,
        notag: true,
        labels: ['last'],
      },
    ]);
    expect(
      rows('\\begin{equation}\\begin{split} a &= b \\\\ &= c \\end{split}\\end{equation}'),
    ).toHaveLength(1);
    expect(rows('\\begin{multline} a \\\\ b \\\\ c \\end{multline}')).toHaveLength(1);
    expect(rows('\\begin{gather*} a \\\\ b \\end{gather*}')).toEqual([
      { row: 'a', numbered: false, notag: false, labels: [] },
      { row: 'b', numbered: false, notag: false, labels: [] },
    ]);
    expect(rows('a \\label{x} \\\\ b')).toEqual([
      { row: 'a \\label{x} \\\\ b', numbered: false, notag: false, labels: ['x'] },
    ]);
  });

  it('renders an align with the numbers and anchors it is given, and none of KaTeX’s own', () => {
    const tex = '\\begin{align} a &= b \\\\ c &= d \\end{align}';
    const numbered = render(tex, {
      numbering: [
        { row: 0, autoTag: '1', anchor: 'eq-1' },
        { row: 1, autoTag: '2', anchor: 'eq-2' },
      ],
    });
    expect(numbered.diagnostics).toEqual([]);
    const page = parse(numbered.html);
    expect(page.querySelector('.katex-html .katex-tag')?.textContent).toMatch(/\(1\).*\(2\)/);
    expect(page.getElementById('eq-2')?.textContent).toBe('(2)');
    expect(numbered.html).not.toMatch(/eqn-num/);
    // Without numbers from the article, no row shows one: KaTeX's counters never do.
    const bare = render(tex);
    expect(parse(bare.html).querySelector('.katex-html .katex-tag')).toBeNull();
    expect(bare.html).not.toMatch(/eqn-num/);
  });

  it('trusts \\htmlId with its own row anchors only', () => {
    const result = render('\\htmlId{eq-9}{x} \\tag{1}', {
      numbering: [{ row: 0, anchor: 'eq-1' }],
    });
    expect(parse(result.html).getElementById('eq-1')).not.toBeNull();
    expect(parse(result.html).getElementById('eq-9')).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['math/disabled-command']);
  });

  it('anchors a row whose \\tag holds a \\label, and survives labels inside labels', () => {
    const result = render(
      '\\begin{align} a \\tag{1 \\label{x}} \\\\ b \\label{\\eqref{y}} \\end{align}',
      {
        numbering: [
          { row: 0, anchor: 'eq-1' },
          { row: 1, autoTag: '2', anchor: 'eq-2' },
        ],
      },
    );
    expect(result.ok).toBe(true);
    expect(parse(result.html).getElementById('eq-1')?.textContent.replace(/\s/g, '')).toBe('(1)');
    expect(parse(result.html).getElementById('eq-2')?.textContent).toBe('(2)');
  });
});
