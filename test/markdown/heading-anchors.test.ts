import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

describe('heading anchors', () => {
  it('gives each section and subsection a link to its own id, named after the heading', () => {
    const { html } = render('## 定義\n\n本文。\n\n### 例 1\n\n本文。\n');
    const links = parse(html).querySelectorAll('a.heading-anchor');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['#定義', '#例-1']);
    expect(links.map((link) => link.getAttribute('aria-label'))).toEqual([
      '見出し「定義」へのリンク',
      '見出し「例 1」へのリンク',
    ]);
    const section = parse(html).querySelector('#定義')!;
    expect(section.parentNode!.classList.contains('heading')).toBe(true);
  });

  it('keeps the link out of the heading, so its text and the table of contents stay as written', () => {
    const { html, headings } = render('## 証明\n');
    expect(parse(html).querySelector('h2')!.innerHTML).toBe('証明');
    expect(headings[0]!.html).toBe('証明');
  });

  it('draws no `#` in the text: search, excerpts and feeds read the HTML', () => {
    const { html } = render('## まとめ\n');
    expect(parse(html).querySelector('a.heading-anchor')!.text).toBe('');
  });

  it('names a heading with a formula by its TeX, and escapes what the author wrote', () => {
    const { html } = render('## $\\varepsilon$-$\\delta$ 論法と "<引用>"\n');
    expect(parse(html).querySelector('a.heading-anchor')!.getAttribute('aria-label')).toBe(
      '見出し「\\varepsilon-\\delta 論法と "<引用>"」へのリンク',
    );
    expect(html).not.toContain('"<引用>"」');
  });

  it('leaves the title level and deeper headings without a link', () => {
    const { html } = render('# 題\n\n#### 補足\n');
    expect(html).not.toContain('heading-anchor');
  });

  it('follows a repeated heading to its own numbered id', () => {
    const { html } = render('## 証明\n\n## 証明\n');
    const hrefs = parse(html)
      .querySelectorAll('a.heading-anchor')
      .map((link) => link.getAttribute('href'));
    expect(hrefs).toEqual(['#証明', '#証明-1']);
  });
});
