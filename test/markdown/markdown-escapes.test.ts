import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string, markdownEscapes = false) {
  return createMarkdownRenderer(createMathEngine(), { macros: {}, markdownEscapes }).render(
    article(body),
  );
}

/** What KaTeX drew, as MathML without the annotation. */
function mathml(html: string): string[] {
  return parse(html)
    .querySelectorAll('math')
    .map((math) => {
      math.querySelector('annotation')?.remove();
      return math.toString();
    });
}

function located(diagnostics: { line: number; column: number; code: string }[]) {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

// The fixture's front matter is 4 lines: body line 1 is file line 5.
describe('Markdown escapes inside inline math (Zenn and Qiita habits)', () => {
  it('warn at \\* with the fixed formula in the hint', () => {
    const { diagnostics } = render('最適解 $x^\\*$ をとる。\n');
    const escape = diagnostics.find((d) => d.code === 'math/markdown-escape')!;
    expect(`${escape.line}:${escape.column}`).toBe('5:8');
    expect(escape.severity).toBe('warning');
    expect(escape.hint).toContain('`x^*`');
    expect(escape.hint).toContain('markdownEscapes: true');
  });

  it('warn at \\_ and at \\\\{ … \\\\}, which KaTeX renders wrongly without a word', () => {
    expect(located(render('値 $\\mathrm{OPT}\\_i$ と集合 $\\\\{a,b\\\\}$\n').diagnostics)).toEqual([
      '5:16 math/markdown-escape',
      '5:26 math/markdown-escape',
    ]);
    expect(render('集合 $\\\\{a,b\\\\}$\n').diagnostics[0]!.hint).toContain('`\\{a,b\\}`');
  });

  it('leave TeX alone: \\{, \\, and \\_ in \\text are not Markdown escapes', () => {
    expect(
      render('$\\{a\\}$、$a\\,b$、$\\text{file\\_name}$、$a \\\\[2pt]$\n').diagnostics,
    ).toEqual([]);
  });

  it('do not warn in display math, where no renderer applies Markdown', () => {
    expect(render('$$\n\\begin{aligned} a \\\\\\\\ b \\end{aligned}\n$$\n').diagnostics).toEqual(
      [],
    );
  });

  it('are undone before KaTeX with math.markdownEscapes, silently and as if written plainly', () => {
    const escaped = render('$x^\\*$、$\\mathrm{OPT}\\_i$、$\\\\{a,b\\\\}$、$a\\\\,b$\n', true);
    const plain = render('$x^*$、$\\mathrm{OPT}_i$、$\\{a,b\\}$、$a\\,b$\n');
    expect(escaped.diagnostics).toEqual([]);
    expect(mathml(escaped.html)).toEqual(mathml(plain.html));
  });

  it('keep the author’s TeX in the annotation and their positions in errors when undone', () => {
    const { html } = render('式 $x^\\* + y$\n', true);
    expect(parse(html).querySelector('annotation')!.textContent).toBe('x^\\* + y');
    expect(located(render('式 $x^\\* + \\oops$\n', true).diagnostics)).toEqual([
      '5:11 math/katex-error',
    ]);
  });

  it('is a site option in sugaku.config.yaml, off by default', () => {
    expect(parseConfig('', 'sugaku.config.yaml').config?.math).toEqual({ markdownEscapes: false });
    const { config, diagnostics } = parseConfig(
      'math:\n  markdownEscapes: true\n',
      'sugaku.config.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(config?.math.markdownEscapes).toBe(true);
  });
});
