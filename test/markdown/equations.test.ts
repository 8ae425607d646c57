import { parse } from 'node-html-parser';
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

/** Every link of the HTML as `href text`, KaTeX's hidden MathML left out. */
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

const display = (tex: string) => `$$\n${tex}\n$$\n\n`;

describe('equation numbers', () => {
  it('gives a restated \\tag{2.4} no second id and links its number back to the first', () => {
    const { html, equations } = render(
      display('a = b \\tag{2.4}') + '途中の文。\n\n' + display('a = b \\tag{2.4}'),
    );
    expect(ids(html)).toEqual(['eq-2.4']);
    expect(equations).toEqual([{ number: '2.4', anchor: 'eq-2.4', labels: [] }]);
    expect(links(html)).toEqual(['#eq-2.4 2.4']);
  });

  it('links 「3.1、再掲」 back to equation (3.1)', () => {
    const { html } = render(
      display('x^2 - 2 = 0 \\tag{3.1}') + display('x^2 - 2 = 0 \\tag{3.1、再掲}'),
    );
    expect(ids(html)).toEqual(['eq-3.1']);
    expect(links(html)).toEqual(['#eq-3.1 3.1、再掲']);
  });

  it('numbers labelled equations without \\tag (1), (2), … skipping numbers a \\tag uses', () => {
    const { html, equations } = render(
      display('a \\label{first}') +
        display('b \\tag{2}') +
        display('c \\label{third}') +
        display('d'),
    );
    expect(equations).toEqual([
      { number: '1', anchor: 'eq-1', labels: ['first'] },
      { number: '2', anchor: 'eq-2', labels: [] },
      { number: '3', anchor: 'eq-3', labels: ['third'] },
    ]);
    expect(ids(html)).toEqual(['eq-1', 'eq-2', 'eq-3']);
    const tags = parse(html)
      .querySelectorAll('.katex-tag')
      .map((tag) => tag.textContent);
    expect(tags).toEqual(['(1)', '(2)', '(3)']);
  });

  it('warns at the second \\label with the same name, on its line', () => {
    const { diagnostics } = render(display('a \\label{x}') + display('b \\label{x}'));
    // The second display opens on body line 5: its TeX is on line 6, i.e. file line 10.
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'math/duplicate-label',
        severity: 'warning',
        line: 10,
        column: 3,
      }),
    ]);
  });

  it('warns that a \\label in inline math gives no number', () => {
    const { diagnostics } = render('文中の $a \\label{x}$ は番号にならない。\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '5:8 math/label-in-inline',
    ]);
  });
});

describe('references within an article', () => {
  const numbered = display('\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2} \\tag{2.4}');

  it('links 式 (2.4), 式(2.4), 式（2.4） and 公式 \\((2.4)\\) to the equation', () => {
    const { html, diagnostics } = render(
      numbered + '式 (2.4) と式(2.4)と式（2.4）と公式 \\((2.4)\\) と式 $(2.4)$ を見よ。\n',
    );
    expect(diagnostics).toEqual([]);
    const found = links(html);
    expect(found).toHaveLength(5);
    expect(found.every((link) => link.startsWith('#eq-2.4 '))).toBe(true);
    expect(found.slice(0, 3)).toEqual(['#eq-2.4 (2.4)', '#eq-2.4 (2.4)', '#eq-2.4 （2.4）']);
    expect(parse(html).querySelector('p')?.textContent).toMatch(/^式 \(2\.4\) と式\(2\.4\)と/);
  });

  it('links a reference that comes before its equation', () => {
    const { html } = render('後で示す式 (2.4) を使う。\n\n' + numbered);
    expect(links(html)).toEqual(['#eq-2.4 (2.4)']);
  });

  it('renders \\eqref{name} in prose as the linked number and \\ref{name} as the bare number', () => {
    const { html } = render(
      display('a^2 + b^2 = c^2 \\label{pythagoras}') +
        '\\eqref{pythagoras} より、式 \\ref{pythagoras} を使う。\n',
    );
    expect(links(html)).toEqual(['#eq-1 (1)', '#eq-1 1']);
    expect(html).not.toContain('\\eqref');
  });

  it('links \\eqref inside a formula, showing the number', () => {
    const { html, diagnostics } = render(
      display('a = b \\label{ab}') + display('c = a \\overset{\\eqref{ab}}{=} b'),
    );
    expect(diagnostics).toEqual([]);
    expect(links(html)).toEqual(['#eq-1 (1)']);
  });

  it('names each link 「式 (2.4)」 for screen readers, which would read bare (2.4) or nothing', () => {
    const { html } = render(
      numbered +
        '式 (2.4) と式 $(2.4)$ を使う。\n\n' +
        display('x \\label{x}') +
        '\\eqref{x} も。\n',
    );
    const names = parse(html)
      .querySelectorAll('a.eqref')
      .map((a) => a.getAttribute('aria-label'));
    expect(names).toEqual(['式 (2.4)', '式 (2.4)', '式 (1)']);
  });

  it('keeps links inside a formula out of the keyboard’s way: KaTeX’s HTML is hidden from screen readers', () => {
    const { html } = render(
      display('a = b \\label{ab}') +
        display('c = a \\overset{\\eqref{ab}}{=} b') +
        display('a = b \\tag{1、再掲}'),
    );
    const visual = parse(html).querySelectorAll('.katex-html a');
    expect(visual).toHaveLength(2);
    expect(visual.map((a) => a.getAttribute('tabindex'))).toEqual(['-1', '-1']);
  });

  it('leaves 式 (9.9) as text with a warning at its place when no equation has that number', () => {
    const { html, diagnostics } = render(numbered + 'ここで式 (9.9) を使う。\n');
    expect(links(html)).toEqual([]);
    expect(parse(html).querySelector('p')?.textContent).toBe('ここで式 (9.9) を使う。');
    // The paragraph is on body line 5 (file line 9); `(9.9)` starts at column 6.
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'math/unresolved-reference',
        severity: 'warning',
        line: 9,
        column: 6,
      }),
    ]);
  });

  it('links and locates references in table cells, on their row', () => {
    const { html, diagnostics } = render(
      numbered + '| 式 | 値 |\n|---|---|\n| 式 (2.4) | 式 (7.1) |\n',
    );
    expect(links(html)).toEqual(['#eq-2.4 (2.4)']);
    // The row is body line 7, i.e. file line 11; `(7.1)` starts at column 15.
    expect(diagnostics).toEqual([expect.objectContaining({ line: 11, column: 15 })]);
  });

  it('warns about an \\eqref to nothing, in prose and in math, and shows (??) in math', () => {
    const { html, diagnostics } = render('\\eqref{nothing} と $\\eqref{none}$。\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '5:1 math/unresolved-reference',
      '5:20 math/unresolved-reference',
    ]);
    expect(html).toContain('\\eqref{nothing}');
    expect(html).toContain('(??)');
  });

  it('does not read 式 (a) about a variable as a reference, and does not link inside a link', () => {
    const { html, diagnostics } = render(
      numbered + '式 (a) を満たす。[式 (2.4) の説明](https://example.com/)\n',
    );
    expect(diagnostics).toEqual([]);
    expect(links(html)).toEqual(['https://example.com/ 式 (2.4) の説明']);
  });

  it('keeps references out of the table of contents, as plain text', () => {
    const { headings } = render(numbered + '## 式 (2.4) の証明\n');
    expect(headings[0]!.html).toBe('式 (2.4) の証明');
  });

  it('leaves references to other articles for the site-wide step when the article is in a series', () => {
    const { html, diagnostics, references } = render('前編の式 (1.3) を使う。\n', {
      series: '連載',
    });
    expect(diagnostics).toEqual([]);
    expect(references).toEqual([
      {
        id: 0,
        kind: 'number',
        number: '1.3',
        location: { file: 'content/posts/test.md', line: 5, column: 6 },
      },
    ]);
    expect(html).toContain('<!--eqref:0-->(1.3)<!--/eqref:0-->');
  });
});
