import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

/** The paragraph's HTML with KaTeX's markup replaced by the formula's TeX, to read joins. */
function paragraph(body: string): string {
  return render(body)
    .html.replace(
      /<span class="katex">[\s\S]*?<annotation[^>]*>([\s\S]*?)<\/annotation>[\s\S]*?<\/span><\/span><\/span>/g,
      '[$1]',
    )
    .trim();
}

describe('line breaks in Japanese prose', () => {
  it('joins two lines of Japanese without a space', () => {
    expect(paragraph('三角形の内角の和は\n二直角である。\n')).toBe(
      '<p>三角形の内角の和は二直角である。</p>',
    );
  });

  it('keeps the break between Latin words, and between Japanese and Latin', () => {
    expect(paragraph('the sum of\nangles\n')).toBe('<p>the sum of\nangles</p>');
    expect(paragraph('定理の名は\nPythagoras\n')).toBe('<p>定理の名は\nPythagoras</p>');
  });

  it('joins through emphasis: **山** at a line end, 田 on the next', () => {
    expect(paragraph('**山**\n田\n')).toBe('<p><strong>山</strong>田</p>');
  });

  it('does not crash on a bold word at the end of a line, and joins it', () => {
    expect(paragraph('ここが**注意**\nです。\n')).toBe('<p>ここが<strong>注意</strong>です。</p>');
  });

  it('does not crash on a formula alone on a line between Japanese lines', () => {
    const { html, diagnostics } = render('あ\n$x$\nい\n');
    expect(diagnostics).toEqual([]);
    expect(html).toContain('class="katex"');
    expect(html.startsWith('<p>あ<span class="katex">')).toBe(true);
  });

  it('does not crash on inline code or an image at the end of a line', () => {
    expect(paragraph('関数 `f`\nを定義する。\n')).toBe('<p>関数 <code>f</code>\nを定義する。</p>');
    expect(render('図は ![グラフ](/images/g.png)\n次の通り。\n').html).toContain('<img');
    expect(render('[前回](/posts/a/)\nの続き。\n').html).toContain('<a href="/posts/a/">前回</a>');
  });

  it('keeps a break next to Hangul', () => {
    expect(paragraph('한국어\n日本語\n')).toBe('<p>한국어\n日本語</p>');
  });

  it('joins characters outside the Basic Multilingual Plane (𠮷)', () => {
    expect(paragraph('𠮷野家の\n𠮷\n')).toBe('<p>𠮷野家の𠮷</p>');
  });

  it('leaves a hard break (two spaces or a backslash) alone', () => {
    expect(paragraph('一行目\\\n二行目\n')).toBe('<p>一行目<br>\n二行目</p>');
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
