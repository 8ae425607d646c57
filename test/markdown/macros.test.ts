import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

const site = { '\\R': '\\mathbb{R}', '\\dd': '\\mathrm{d}' };

function codes(diagnostics: { line: number; code: string }[]) {
  return diagnostics.map((d) => `${d.line} ${d.code}`);
}

describe('macros', () => {
  it('uses the site’s macros and lets an article’s front-matter macros override them', () => {
    const renderer = createMarkdownRenderer(createMathEngine(), { macros: site });
    const own = renderer.render(
      article('$x \\in \\R$ と $\\dd x$ と $\\dv{f}{x}$\n', {
        macros: { '\\dd': '\\,\\mathrm{d}', '\\dv': '\\frac{\\dd #1}{\\dd #2}' },
      }),
    );
    expect(own.diagnostics).toEqual([]);
    expect(own.html).toContain('<annotation encoding="application/x-tex">\\dv{f}{x}</annotation>');
  });

  it('keeps a \\newcommand or \\def inside the formula that defines it', () => {
    const renderer = createMarkdownRenderer(createMathEngine(), { macros: site });
    const { diagnostics } = renderer.render(
      article(
        '$\\newcommand{\\Nat}{\\mathbb{N}} n \\in \\Nat$ のあと、\n$m \\in \\Nat$ は定義されていない。\n\n$\\def\\e{\\varepsilon} \\e$ と $\\e$\n',
      ),
    );
    expect(codes(diagnostics)).toEqual(['6 math/katex-error', '8 math/katex-error']);
  });

  it('does not leak one article’s macros into the next article of the same build', () => {
    const renderer = createMarkdownRenderer(createMathEngine(), { macros: site });
    const withMacro = renderer.render(
      article('$\\vb{x}$\n', { macros: { '\\vb': '\\mathbf{#1}' } }),
    );
    const withGdef = renderer.render(article('$\\gdef\\leak{y} \\leak$\n'));
    const other = renderer.render(article('$\\vb{x} + \\leak$\n'));
    expect(withMacro.diagnostics).toEqual([]);
    expect(withGdef.diagnostics).toEqual([]);
    expect(other.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('\\vb')]);
  });
});
