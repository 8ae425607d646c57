import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/index.js';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string, overrides: Partial<Article> = {}) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(
    article(body, overrides),
  );
}

/** The numbers a reader sees, display by display, in the order of the page. */
function shownNumbers(html: string): string[] {
  return parse(html)
    .querySelectorAll('.katex-html .katex-tag')
    .map((tag) => (tag.textContent.match(/\([^()]*\)/g) ?? []).join(' '));
}

/** Links of the page, KaTeX's hidden MathML left out. */
function links(html: string): string[] {
  const page = parse(html);
  for (const hidden of page.querySelectorAll('.katex-mathml')) hidden.remove();
  return page.querySelectorAll('a').map((a) => `${a.getAttribute('href')} ${a.textContent}`);
}

function ids(html: string): string[] {
  return parse(html)
    .querySelectorAll('[id]')
    .map((element) => element.getAttribute('id')!);
}

/** KaTeX places each row of a table at a `top:` offset; an element is on the row whose offset it shares. */
function rowOffset(element: HTMLElement | null): string | undefined {
  for (let at = element; at; at = at.parentNode as HTMLElement | null) {
    const top = /top:([-\d.]+em)/.exec(at.getAttribute?.('style') ?? '')?.[1];
    if (top) return top;
  }
  return undefined;
}

/** The `top:` offsets of the rows of a display's first column. */
function rowOffsets(display: HTMLElement): string[] {
  const column = display.querySelector('.katex-html .mtable > span')!;
  return column
    .querySelectorAll('span[style^="top:"]')
    .filter((row) => row.parentNode === column.querySelector('.vlist'))
    .map((row) => rowOffset(row)!);
}

const display = (tex: string) => `$$\n${tex}\n$$\n\n`;

const align = display(
  [
    '\\begin{align}',
    'f(x) &= (x+1)^2 \\\\',
    '     &= x^2 + 2x + 1 \\label{expanded}',
    '\\end{align}',
  ].join('\n'),
);

describe('one equation numbering for $$, \\label and align rows', () => {
  it('numbers labelled displays and align rows in one sequence (1), (2), (3)', () => {
    const { html, equations, diagnostics } = render(
      display('e^{i\\pi} + 1 = 0 \\label{euler}') + align,
    );
    expect(diagnostics).toEqual([]);
    expect(shownNumbers(html)).toEqual(['(1)', '(2) (3)']);
    expect(equations).toEqual([
      { number: '1', anchor: 'eq-1', labels: ['euler'] },
      { number: '2', anchor: 'eq-2', labels: [] },
      { number: '3', anchor: 'eq-3', labels: ['expanded'] },
    ]);
  });

  it('leaves no number to KaTeX’s CSS counters: every number is text, in HTML and MathML', () => {
    const { html } = render(align);
    expect(html).not.toMatch(/eqn-num/);
    const mathml = parse(html)
      .querySelectorAll('.katex-mathml mtext')
      .map((text) => text.textContent);
    expect(mathml).toEqual(['(1)', '(2)']);
    // KaTeX writes MathML classes as `class ="…"`, which HTML validators reject.
    expect(html).not.toContain(' class ="');
  });

  it('puts each row’s anchor on its row, so #eq-2 scrolls to the second row', () => {
    const { html } = render(align);
    const page = parse(html);
    const displayElement = page.querySelector('.math-display')!;
    expect(displayElement.getAttribute('id')).toBeUndefined();
    expect(ids(html)).toEqual(['eq-1', 'eq-2']);
    const rows = rowOffsets(displayElement);
    expect(rows).toHaveLength(2);
    expect(rowOffset(page.getElementById('eq-1'))).toBe(rows[0]);
    expect(rowOffset(page.getElementById('eq-2'))).toBe(rows[1]);
    expect(page.getElementById('eq-2')!.textContent).toBe('(2)');
  });

  it('links \\eqref and 式 (2) in prose to the second row', () => {
    const { html, diagnostics } = render(
      align + '\\eqref{expanded} と式 (2) と式 (1) を比べる。\n',
    );
    expect(diagnostics).toEqual([]);
    expect(links(html)).toEqual(['#eq-2 (2)', '#eq-2 (2)', '#eq-1 (1)']);
  });

  it('respects \\notag and \\nonumber, and warns at a label on such a row', () => {
    const { html, diagnostics } = render(
      display(
        '\\begin{align}\na &= b \\notag \\\\\nc &= d \\\\\ne &= f \\nonumber \\label{lost}\n\\end{align}',
      ),
    );
    expect(shownNumbers(html)).toEqual(['(1)']);
    // The third row is body line 5, file line 9; `\label` starts at column 18.
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '9:18 math/label-without-number',
    ]);
  });

  it('keeps a row’s own \\tag and skips its number in the sequence', () => {
    const { html, equations } = render(
      display('\\begin{align}\na &= b \\\\\nc &= d \\tag{2} \\\\\ne &= f\n\\end{align}') +
        display('g \\label{g}'),
    );
    expect(shownNumbers(html)).toEqual(['(1) (2) (3)', '(4)']);
    expect(equations.map((equation) => equation.number)).toEqual(['1', '2', '3', '4']);
  });

  it('makes each \\tag of an align its own anchor, so 式 (2) links to its row', () => {
    const { html, diagnostics } = render(
      display('\\begin{align} a \\tag{1} \\\\ b \\tag{2} \\end{align}') + '式 (2) を見よ。\n',
    );
    expect(diagnostics).toEqual([]);
    expect(links(html)).toEqual(['#eq-2 (2)']);
    expect(parse(html).querySelector('.katex-tag #eq-2')?.textContent).toBe('(2)');
  });

  it('numbers nothing in starred forms, nor the rows of aligned, split or gathered inside', () => {
    const { html, equations } = render(
      display('\\begin{align*}\na &= b \\\\\nc &= d\n\\end{align*}') +
        display('\\begin{gather*}\nx \\\\\ny\n\\end{gather*}') +
        display('\\begin{equation*}\nz = 1\n\\end{equation*}') +
        display(
          '\\begin{gather}\n\\begin{aligned} p &= q \\\\ r &= s \\end{aligned} \\\\\nt = u\n\\end{gather}',
        ) +
        display(
          '\\begin{equation}\n\\begin{split}\nv &= w \\\\\n&= x\n\\end{split}\n\\end{equation}',
        ),
    );
    expect(shownNumbers(html)).toEqual(['(1) (2)', '(3)']);
    expect(equations).toHaveLength(3);
  });

  it('gives multline one number, and drops the empty row after a trailing \\\\', () => {
    const { html, diagnostics } = render(
      display('\\begin{multline}\na + b + c \\\\\n+ d + e\n\\end{multline}') +
        display('\\begin{gather}\nx = 1 \\\\\ny = 2 \\\\\n\\end{gather}'),
    );
    expect(diagnostics).toEqual([]);
    expect(shownNumbers(html)).toEqual(['(1)', '(2) (3)']);
  });

  it('links a restated row back to the original, with no second anchor', () => {
    const { html, equations } = render(
      align +
        display(
          '\\begin{align}\nf(x) &= x^2 + 2x + 1 \\tag{2、再掲} \\\\\ng(x) &= 0\n\\end{align}',
        ),
    );
    expect(equations.map((equation) => equation.number)).toEqual(['1', '2', '3']);
    expect(ids(html)).toEqual(['eq-1', 'eq-2', 'eq-3']);
    expect(links(html)).toEqual(['#eq-2 2、再掲']);
  });

  it('points diagnostics at the author’s TeX, whatever numbering added', () => {
    const { diagnostics } = render(
      display('\\begin{align}\na &= b \\\\\nc &= \\foo d\n\\end{align}'),
    );
    // `\foo` is on body line 4 (file line 8), column 6.
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '8:6 math/katex-error',
    ]);
  });

  it('keeps the TeX as written in the MathML annotation', () => {
    const { html } = render(align);
    const annotation = parse(html).querySelector('annotation')!.textContent;
    expect(annotation).toContain('\\begin{align}');
    expect(annotation).not.toContain('\\tag');
    expect(annotation).not.toContain('htmlId');
  });
});
