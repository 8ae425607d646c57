import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighlighter } from '../../src/markdown/rules/highlighter.js';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

// The build loads Shiki before it renders an article with code (`renderer.prepare`).
beforeAll(() => loadHighlighter());

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

/** Every link as `href text`, KaTeX's hidden MathML left out. */
function links(html: string): string[] {
  const page = parse(html);
  for (const hidden of page.querySelectorAll('.katex-mathml')) hidden.remove();
  return page.querySelectorAll('a').map((a) => `${a.getAttribute('href')} ${a.textContent}`);
}

// The text-in, links-out cases are in test/fixtures/markdown/linkify.txt.
describe('bare URLs', () => {
  it('end where Japanese begins, with no space in between', () => {
    const { html } = render('詳しくはhttps://example.com/aです。\n');
    expect(links(html)).toEqual(['https://example.com/a https://example.com/a']);
    expect(parse(html).textContent).toBe('詳しくはhttps://example.com/aです。\n');
  });

  it('are left alone in code spans, code blocks and math', () => {
    const { html, diagnostics } = render(
      '`https://example.com/api` を叩く。写像 $f: A \\to B$ と $\\text{https://example.com}$ を考える。\n\n```bash\ncurl https://example.com/\n```\n',
    );
    expect(diagnostics).toEqual([]);
    expect(links(html)).toEqual([]);
    expect(parse(html).querySelectorAll('.katex')).toHaveLength(2);
  });

  it('do not break $…$ written right after them', () => {
    const { html, diagnostics } = render('https://example.com/a で $x^2$ を計算する。\n');
    expect(diagnostics).toEqual([]);
    expect(links(html)).toEqual(['https://example.com/a https://example.com/a']);
    expect(parse(html).querySelectorAll('.katex')).toHaveLength(1);
  });

  it('are marked as showing their own address, unlike a link with text', () => {
    const page = parse(render('https://example.com/ と [例](https://example.com/)\n').html);
    expect(page.querySelectorAll('a').map((a) => a.getAttribute('class') ?? '')).toEqual([
      'url',
      '',
    ]);
  });

  it('in a heading are not links in its table-of-contents entry, itself a link', () => {
    const { headings } = render('## https://example.com/ の使い方\n');
    expect(headings[0]!.html).toBe('https://example.com/ の使い方');
  });

  it('are not made of a host in Japanese, nor of an e-mail address glued to Japanese', () => {
    // The second once crashed the build: every match was cut away and markdown-it took
    // the empty result for a list.
    const { html } = render('https://日本語.jp/a と 連絡先はfoo@example.comまで。\n');
    expect(links(html)).toEqual([]);
    expect(links(render('連絡先は foo@example.com まで。\n').html)).toEqual([
      'mailto:foo@example.com foo@example.com',
    ]);
  });
});
