import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

function located(diagnostics: { line: number; column: number; code: string }[]) {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

// The fixture's front matter is 4 lines: body line 1 is file line 5.
describe('$ x_0 $ with spaces inside the dollars', () => {
  it('is a warning that shows the formula without the spaces', () => {
    const { diagnostics, formulaCount } = render('初期値 $ x_0 $ から始める。\n');
    expect(formulaCount).toBe(0);
    expect(located(diagnostics)).toEqual(['5:5 math/spaced-dollar']);
    expect(diagnostics[0]!.hint).toContain('`$x_0$`');
  });

  it('covers a space on one side only, and a single letter', () => {
    expect(located(render('値 $x_0 $ を使う。\n').diagnostics)).toEqual(['5:3 math/spaced-dollar']);
    expect(located(render('値 $ y$ を使う。\n').diagnostics)).toEqual(['5:3 math/spaced-dollar']);
  });

  it('stays quiet about prices', () => {
    expect(render('本は $ 5 で、雑誌は $ 3 だった。\n').diagnostics).toEqual([]);
  });
});

describe('a blank line inside $$ … $$ (Zenn accepts it)', () => {
  const body = '前の段落。\n\n$$\na = b\n\nc = d\n$$\n\n後の段落。\n';

  it('keeps the display together with one warning at the blank line', () => {
    const { html, diagnostics } = render(body);
    expect(located(diagnostics)).toEqual(['9:1 math/blank-line-in-display']);
    const page = parse(html);
    expect(page.querySelectorAll('.katex-display')).toHaveLength(1);
    expect(page.querySelector('annotation')!.textContent).toBe('a = b\n\nc = d');
    expect(page.querySelectorAll('p').map((p) => p.textContent)).toEqual([
      '前の段落。',
      '後の段落。',
    ]);
  });

  it('still ends an unclosed display at the blank line when prose or a heading comes first', () => {
    const { diagnostics } = render('$$\na = b\n\n証明は次の通り。\n\n$$\nc\n$$\n');
    expect(located(diagnostics)).toEqual(['5:1 math/unclosed-display']);
    expect(located(render('$$\na = b\n\n## 節\n\n$$\nc\n$$\n').diagnostics)).toEqual([
      '5:1 math/unclosed-display',
    ]);
  });
});
