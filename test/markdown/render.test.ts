import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighlighter } from '../../src/markdown/rules/highlighter.js';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

// The build loads Shiki before it renders an article with code (`renderer.prepare`).
beforeAll(() => loadHighlighter());

function render(body: string, macros: Record<string, string> = {}) {
  return createMarkdownRenderer(createMathEngine(), { macros }).render(article(body));
}

/** The page's text as a reader sees it, with KaTeX's hidden MathML annotations removed. */
function visibleText(html: string): string {
  return html.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '').replace(/<[^>]+>/g, '');
}

describe('math in Markdown', () => {
  it('renders $…$ and \\(…\\) inline and $$…$$ as a display block', () => {
    const { html, formulaCount } = render(
      '関数 $f(x)$ と \\(g(x)\\) を考える。\n\n$$\nf(x) = x^2\n$$\n',
    );
    expect(formulaCount).toBe(3);
    expect(html.match(/class="katex"/g)).toHaveLength(3);
    expect(html).toContain('<div class="math-display"><span class="katex-display">');
    expect(visibleText(html)).not.toMatch(/\$|\\\(|\\\)/);
  });

  it('renders \\[…\\] as display math', () => {
    const { html } = render('\\[\na^2 + b^2 = c^2\n\\]\n');
    expect(html).toContain('katex-display');
  });

  it('gives a tagged equation an anchor with its number', () => {
    const { html, equations } = render(
      '$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n\\tag{2.4}\n$$\n',
    );
    expect(html).toContain('<div class="math-display" id="eq-2.4">');
    expect(html).toContain('(2.4)');
    expect(equations).toEqual([{ number: '2.4', anchor: 'eq-2.4', labels: [] }]);
  });

  it('keeps ids unique when a tag is restated', () => {
    const { html } = render('$$\na = b \\tag{1}\n$$\n\n$$\na = b \\tag{1}\n$$\n');
    expect(html.match(/id="eq-1"/g)).toHaveLength(1);
  });

  it('renders cases and matrices', () => {
    const { html, diagnostics } = render(
      '$$\n|x| = \\begin{cases} x & (x \\ge 0) \\\\ -x & (x < 0) \\end{cases}\n$$\n\n$$\nA = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}\n$$\n',
    );
    expect(diagnostics).toEqual([]);
    expect(html.match(/katex-display/g)).toHaveLength(2);
  });

  it('does not take a lone dollar in prose for math', () => {
    const { html, formulaCount } = render('このノートは100$で売られていた。\n');
    expect(formulaCount).toBe(0);
    expect(html).toContain('100$');
  });

  it('uses site macros and the article macros over them', () => {
    const { diagnostics } = render('$x \\in \\R$\n', { '\\R': '\\mathbb{R}' });
    expect(diagnostics).toEqual([]);
  });

  it('reports a broken formula at its line and column in the file, front matter counted', () => {
    const { html, diagnostics } = render('一行目。\n\n式 $\\frac{1}{$ は壊れている。\n');
    // Front matter takes lines 1–4, the body starts on line 5; the formula is on body line 3.
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      file: 'content/posts/test.md',
      line: 7,
      severity: 'error',
    });
    expect(diagnostics[0]!.column).toBeGreaterThanOrEqual(4);
    expect(html).toContain('class="math-error"');
    expect(html).toContain('は壊れている');
  });

  it('locates a formula on the second line of a paragraph', () => {
    const { diagnostics } = render('最初の行、\n次の行に $\\oops$ がある。\n');
    expect(diagnostics[0]).toMatchObject({ line: 6, column: 7 });
  });
});

describe('Japanese Markdown', () => {
  it('makes **強調** work next to Japanese punctuation', () => {
    const { html } = render('これは**「強調」**のテストです。\n');
    expect(html).toContain('<strong>「強調」</strong>の');
  });

  it('puts no space into a sentence broken between two Japanese characters', () => {
    const { html } = render('日本語の文が\n途中で改行されている。\n');
    expect(html).toContain('日本語の文が途中で改行されている。');
  });

  it('keeps a line break between English words as a space', () => {
    const { html } = render('hello\nworld\n');
    expect(html).toMatch(/hello\sworld/);
  });

  it('gives headings stable, unique ids that keep Japanese', () => {
    const { html, headings } = render(
      '## 定理の証明\n\n本文\n\n## 定理の証明\n\n### Step 1: 準備\n',
    );
    expect(headings.map((h) => h.id)).toEqual(['定理の証明', '定理の証明-1', 'step-1-準備']);
    expect(html).toContain('<h2 id="定理の証明">');
  });

  it('numbers repeated headings on, skipping an id a heading already has', () => {
    const { headings } = render('## 証明\n\n## 証明\n\n## 証明-1\n\n## 証明\n\n## 証明-2\n');
    expect(headings.map((h) => h.id)).toEqual(['証明', '証明-1', '証明-1-1', '証明-2', '証明-2-1']);
  });

  it('renders fenced code escaped and tables', () => {
    const { html } = render('```python\nprint("<b>")\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    // Highlighted at build time (rules/code.ts); whatever the markup, `<b>` stays text.
    const code = parse(html, { blockTextElements: {} }).querySelector('pre code');
    expect(code?.textContent).toContain('print("<b>")');
    expect(code?.querySelector('b')).toBeNull();
    expect(html).toContain('<table>');
  });

  it('escapes raw HTML instead of passing it through', () => {
    const { html } = render('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('excerpt', () => {
  it('cuts about 120 characters at the end of a sentence', () => {
    const sentence = '指数関数は微分しても形が変わらないという著しい性質をもっている。'; // 32 characters
    const { excerptText } = render(sentence.repeat(6) + '\n');
    expect(excerptText.endsWith('。')).toBe(true);
    expect(excerptText.length).toBeGreaterThanOrEqual(90);
    expect(excerptText.length).toBeLessThanOrEqual(150);
  });

  it('falls back to a clause end and marks the cut with …', () => {
    const clause = 'まずこの式を展開して整理し、'; // 14 characters, no sentence end
    const { excerptText } = render(clause.repeat(15) + '\n');
    expect(excerptText).toMatch(/し…$/);
  });

  it('never cuts inside a formula and shows it rendered, not as TeX', () => {
    const text =
      'ここで'.repeat(38) +
      '$\\int_0^1 x^2 \\, dx = \\frac{1}{3}$ が成り立つ。' +
      'あ'.repeat(100) +
      '\n';
    const { excerptHtml } = render(text);
    expect(excerptHtml).toContain('class="katex"');
    expect(excerptHtml).not.toContain('$');
    expect(visibleText(excerptHtml)).not.toContain('\\int');
  });

  it('takes the whole first paragraph when it is short and skips headings and code', () => {
    const { excerptText } = render('## 見出し\n\n```\ncode\n```\n\n短い導入です。\n');
    expect(excerptText).toBe('短い導入です。');
  });
});

describe('reading length', () => {
  it('counts prose characters and a few per formula, but no code', () => {
    const withCode = render('あいうえお\n\n```\n' + 'x'.repeat(500) + '\n```\n');
    const withFormula = render('あいうえお $x$\n');
    expect(withCode.readingLength).toBe(5);
    expect(withFormula.readingLength).toBeGreaterThan(5);
    expect(withFormula.readingLength).toBeLessThan(12);
  });
});

describe('excerpts shown on other pages', () => {
  it('carry no link into the page that shows them: an \\eqref in a formula becomes plain text', () => {
    const { html, excerptHtml } = render(
      '式 $\\eqref{heikin}$ から不等式が従う。\n\n$$\n\\frac{a+b}{2} \\ge \\sqrt{ab} \\label{heikin}\n$$\n',
    );
    expect(html).toContain('href="#eq-1"');
    expect(excerptHtml).toContain('(1)');
    expect(excerptHtml).not.toContain('href=');
  });

  it('counts the code blocks, so that only a page with code loads the copy button', () => {
    expect(render('```shell\nls\n```\n\n```\nx\n```\n').codeBlocks).toBe(2);
    expect(render('本文だけ。\n').codeBlocks).toBeUndefined();
  });
});
