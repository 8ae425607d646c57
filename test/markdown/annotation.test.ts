import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

function annotations(html: string): string[] {
  return parse(html)
    .querySelectorAll('annotation')
    .map((annotation) => annotation.textContent);
}

describe('the MathML annotation carries the TeX exactly as written', () => {
  it('keeps indentation and adds no line break before or after', () => {
    const tex = '\\begin{aligned}\n  a &= b \\\\\n    &= c\n\\end{aligned}';
    const { html, diagnostics } = render(`$$\n${tex}\n$$\n`);
    expect(diagnostics).toEqual([]);
    expect(annotations(html)).toEqual([tex]);
  });

  it('keeps the author’s indentation inside a list item, without the item’s own', () => {
    const { html } = render(
      '- 式:\n\n  $$\n  \\begin{aligned}\n    a &= b\n  \\end{aligned}\n  $$\n',
    );
    expect(annotations(html)).toEqual(['\\begin{aligned}\n  a &= b\n\\end{aligned}']);
  });

  it('keeps the text on the delimiter lines when there is some', () => {
    const { html } = render('$$ a = b\n  + c $$\n');
    expect(annotations(html)).toEqual([' a = b\n  + c ']);
  });

  it('still locates an error on the line it is on', () => {
    const { diagnostics } = render('前文。\n\n$$\n  a = b\n  c = \\oops\n$$\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '9:7 math/katex-error',
    ]);
  });

  it('keeps a $$ … $$ (1.1) number when the last line ends in a comment', () => {
    const { html } = render('$$\na = b % 定義\n$$ (1.1)\n');
    expect(parse(html).querySelector('.katex-html')!.textContent).toContain('(1.1)');
  });
});
