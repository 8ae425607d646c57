import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/index.js';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { feedContentHtml } from '../../src/output/index.js';
import { article } from './fixtures.js';

function render(body: string, overrides: Partial<Article> = {}) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(
    article(body, overrides),
  );
}

/** The notes listed at the end, as their text without the back-links. */
function notes(html: string): string[] {
  const page = parse(html);
  for (const hidden of page.querySelectorAll('.katex-mathml, .footnote-backref')) hidden.remove();
  return page.querySelectorAll('.footnotes li').map((li) => li.textContent.trim());
}

const decoded = (href: string | undefined) => decodeURIComponent(href!.slice(1));

describe('footnotes', () => {
  it('numbers a note, lists it under 脚注 at the end, and links both ways', () => {
    const { html, diagnostics } = render(
      'ガウスは整数論でも知られる[^gauss]。\n\n## 次の節\n\n本文の続き。\n\n[^gauss]: 『整数論研究』は1801年の刊行。\n',
    );
    expect(diagnostics).toEqual([]);
    const page = parse(html);
    const ref = page.querySelector('sup.footnote-ref a')!;
    expect(ref.textContent).toBe('[1]');
    expect(ref.getAttribute('aria-label')).toBe('脚注1');
    const section = page.querySelector('section.footnotes')!;
    expect(section.querySelector('h2')!.textContent).toBe('脚注');
    // The list comes last, after the section that followed the reference.
    expect(html.indexOf('本文の続き')).toBeLessThan(html.indexOf('class="footnotes"'));
    const note = section.querySelector('li')!;
    expect(decoded(ref.getAttribute('href'))).toBe(note.getAttribute('id'));
    const back = note.querySelector('a.footnote-backref')!;
    expect(decoded(back.getAttribute('href'))).toBe(ref.getAttribute('id'));
    expect(back.getAttribute('aria-label')).toBe('本文へ戻る');
    expect(notes(html)).toEqual(['『整数論研究』は1801年の刊行。']);
  });

  it('takes [^1]:注 without a space as a footnote, not a link definition that swallows the note', () => {
    const { html } = render('フェルマーの小定理[^1]を使う。\n\n[^1]:証明は次回に回す。\n');
    expect(notes(html)).toEqual(['証明は次回に回す。']);
    expect(parse(html).querySelector('p a:not(.footnote-backref)')!.textContent).toBe('[1]');
    expect(html).not.toContain('href="%E8%A8%BC');
  });

  it('renders inline ^[…] notes and numbers all notes in order of first reference', () => {
    const { html } = render(
      '第一の注^[これは文中に書いた注。]と第二の注[^b]と、もう一度第二の注[^b]。\n\n[^b]: 定義は後ろに書いた注。\n',
    );
    expect(notes(html)).toEqual(['これは文中に書いた注。', '定義は後ろに書いた注。']);
    const refs = parse(html).querySelectorAll('sup.footnote-ref a');
    expect(refs.map((a) => a.textContent)).toEqual(['[1]', '[2]', '[2]']);
    // Two references to one note: two back-links, each back to its own place.
    const backs = parse(html).querySelectorAll('.footnotes li:nth-child(2) a.footnote-backref');
    expect(backs.map((a) => decoded(a.getAttribute('href')))).toEqual([
      refs[1]!.getAttribute('id'),
      refs[2]!.getAttribute('id'),
    ]);
    expect(backs.map((a) => a.getAttribute('aria-label'))).toEqual([
      '本文の1番目の参照箇所へ戻る',
      '本文の2番目の参照箇所へ戻る',
    ]);
  });

  it('renders math in notes and reports its errors at their place in the file', () => {
    const { html, diagnostics } = render(
      '本文[^1]の一行目。\n二行目に文中の注^[ここでは $\\bar$ を使う。]。\n\n[^1]: 式 $\\foo$ は未定義。\n',
    );
    expect(parse(html).querySelectorAll('.footnotes .katex, .footnotes .math-error')).toHaveLength(
      2,
    );
    expect(
      diagnostics.map(({ line, column, code }) => `${line}:${column} ${code}`).sort(),
      // `\bar` lacks its argument (reported after it), `\foo` is unknown (reported at it).
    ).toEqual(['6:21 math/katex-error', '8:10 math/katex-error']);
  });

  it('gives ids that carry the article, so two articles on one page never share one', () => {
    const body = '注のある文[^1]。\n\n## fn1\n\n[^1]: 注。\n';
    const ids = (html: string) =>
      parse(html)
        .querySelectorAll('[id]')
        .map((element) => element.getAttribute('id'));
    const first = ids(render(body, { slug: 'fourier' }).html);
    const second = ids(render(body, { slug: '線形代数' }).html);
    expect(first).toEqual(['fnref:fourier:1', 'fn1', 'fn:fourier:1']);
    expect(second).toEqual(['fnref:線形代数:1', 'fn1', 'fn:線形代数:1']);
  });

  it('keeps markers and the notes out of the excerpt', () => {
    const { excerptHtml, excerptText } = render(
      'オイラーの公式を証明する[^1]。^[文中の注。]\n\n[^1]: テイラー展開を使う。\n',
    );
    expect(excerptText).toBe('オイラーの公式を証明する。');
    expect(excerptHtml).toBe('オイラーの公式を証明する。');
  });

  it('gives the feed the notes with links to the article page', () => {
    const { html } = render('定理の主張[^1]。\n\n[^1]: 証明は付録にある。\n', { slug: 'teiri' });
    const feed = parse(feedContentHtml(html, 'https://example.com/posts/teiri/'));
    const ref = feed.querySelector('sup a')!.getAttribute('href')!;
    expect(ref).toBe('https://example.com/posts/teiri/#fn%3Ateiri%3A1');
    expect(feed.querySelector('.footnotes li')!.textContent).toContain('証明は付録にある。');
    expect(feed.querySelector('.footnote-backref')!.getAttribute('href')).toBe(
      'https://example.com/posts/teiri/#fnref%3Ateiri%3A1',
    );
  });

  it('warns about a reference to no note and a note never referred to', () => {
    const { html, diagnostics } = render('参照だけある[^2]。\n\n[^3]: 使われない注。\n');
    expect(html).toContain('[^2]');
    expect(diagnostics.map(({ line, column, code }) => `${line}:${column} ${code}`)).toEqual([
      '5:7 markdown/undefined-footnote',
      '7:1 markdown/unused-footnote',
    ]);
  });

  it('leaves a marker in a heading out of the table of contents, which links there already', () => {
    const { html, headings } = render('## 定理の証明[^1]\n\n本文。\n\n[^1]: 別証もある。\n');
    expect(headings).toEqual([
      { level: 2, id: '定理の証明', text: '定理の証明', html: '定理の証明' },
    ]);
    expect(parse(html).querySelector('h2 sup.footnote-ref a')).not.toBeNull();
  });

  it('leaves [^1] in code alone', () => {
    const { html, diagnostics } = render('配列の書き方は `a[^1]` ではない。\n');
    expect(diagnostics).toEqual([]);
    expect(html).toContain('<code>a[^1]</code>');
  });
});
