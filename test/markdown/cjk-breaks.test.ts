import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

// The paragraph-in, paragraph-out cases are in test/fixtures/markdown/cjk-breaks.txt.
describe('line breaks in Japanese prose', () => {
  it('does not crash on a formula alone on a line between Japanese lines', () => {
    const { html, diagnostics } = render('あ\n$x$\nい\n');
    expect(diagnostics).toEqual([]);
    expect(html).toContain('class="katex"');
    expect(html.startsWith('<p>あ<span class="katex">')).toBe(true);
  });

  it('does not crash on an image or a link at the end of a line', () => {
    expect(render('図は ![グラフ](/images/g.png)\n次の通り。\n').html).toContain('<img');
    expect(render('[前回](/posts/a/)\nの続き。\n').html).toContain('<a href="/posts/a/">前回</a>');
  });
});

describe('line breaks kept as on Zenn and Qiita (markdown.breaks)', () => {
  const kept = (body: string) =>
    createMarkdownRenderer(createMathEngine(), { macros: {}, breaks: true }).render(article(body))
      .html;

  it('shows every line break of a paragraph as written, Japanese or not', () => {
    expect(kept('一行目は**注意**\n二行目\nthird line\n')).toBe(
      '<p>一行目は<strong>注意</strong><br>\n二行目<br>\nthird line</p>\n',
    );
  });

  it('keeps a formula alone on its line', () => {
    const html = kept('平均は\n$\\mu$\nで表す。\n');
    expect(html.match(/<br>/g)).toHaveLength(2);
    expect(html).toContain('class="katex"');
  });
});
