import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import {
  createMarkdownRenderer,
  linkEquationReferences,
  type LinkableArticle,
} from '../../src/markdown/index.js';
import { article } from './fixtures.js';

const math = createMathEngine();
const renderer = createMarkdownRenderer(math, { macros: {} });
const bySection = createMarkdownRenderer(math, { macros: {}, theoremNumbering: 'section' });

function render(body: string) {
  return renderer.render(article(body));
}

/** The heads of the article's blocks, as a reader sees them. */
function heads(html: string): string[] {
  return parse(html)
    .querySelectorAll('.theorem__head')
    .map((head) => head.textContent);
}

function links(html: string): string[] {
  return parse(html)
    .querySelectorAll('a')
    .map((a) => `${a.getAttribute('class')} ${a.getAttribute('href')} ${a.textContent}`);
}

function located(diagnostics: { line: number; column: number; code: string }[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

const amgm = [
  ':::定理 相加平均と相乗平均 {#thm-amgm}',
  '$a, b \\ge 0$ ならば $\\frac{a+b}{2} \\ge \\sqrt{ab}$ である。',
  ':::',
  '',
].join('\n');

describe('theorem-like blocks', () => {
  it('shows 定理 1 with its title in parentheses, and takes the label as the id', () => {
    const { html, theorems, anchors, diagnostics } = render(amgm);
    expect(diagnostics).toEqual([]);
    expect(heads(html)).toEqual(['定理 1（相加平均と相乗平均）']);
    const block = parse(html).querySelector('div.theorem')!;
    expect(block.getAttribute('id')).toBe('thm-amgm');
    expect(block.classList.contains('theorem--theorem')).toBe(true);
    expect(theorems).toEqual([{ kind: 'theorem', name: '定理 1', number: '1', label: 'thm-amgm' }]);
    expect(anchors).toContain('thm-amgm');
  });

  it('numbers each kind on its own through the article; 証明 has no number', () => {
    const { html, theorems } = render(
      [
        ':::定義 凸関数',
        '本文',
        ':::',
        ':::定理',
        '本文',
        ':::',
        ':::証明',
        '本文',
        ':::',
        ':::補題',
        '本文',
        ':::',
        ':::定理 {#thm-second}',
        '本文',
        ':::',
        ':::命題',
        'a',
        ':::',
        ':::系',
        'b',
        ':::',
        ':::例',
        'c',
        ':::',
        ':::注意',
        'd',
        ':::',
        '',
      ].join('\n'),
    );
    expect(heads(html)).toEqual([
      '定義 1（凸関数）',
      '定理 1',
      '証明',
      '補題 1',
      '定理 2',
      '命題 1',
      '系 1',
      '例 1',
      '注意 1',
    ]);
    expect(theorems?.map((theorem) => theorem.name)).not.toContain('証明');
  });

  it('takes English names too, and Quarto-style labels without a title', () => {
    const { html } = render(
      ':::theorem {#thm-a}\nA\n:::\n\n:::lemma Zorn\nB\n:::\n\n:::proof\nC\n:::\n',
    );
    expect(heads(html)).toEqual(['定理 1', '補題 1（Zorn）', '証明']);
  });

  it('numbers per section when the site asks: 定理 2.1 is the first theorem of the second section', () => {
    const { html } = bySection.render(
      article(
        [
          ':::定義',
          '前置き',
          ':::',
          '## 準備',
          ':::定理',
          'a',
          ':::',
          '### 小節',
          ':::定理',
          'b',
          ':::',
          '## 本題',
          ':::定理',
          'c',
          ':::',
          ':::補題',
          'd',
          ':::',
          '',
        ].join('\n'),
      ),
    );
    expect(heads(html)).toEqual(['定義 0.1', '定理 1.1', '定理 1.2', '定理 2.1', '補題 2.1']);
  });

  it('ends a proof with ∎ on the right, hidden from screen readers, which read 証明終わり instead', () => {
    const { html } = render(':::証明\n明らか。\n:::\n');
    const end = parse(html).querySelector('.theorem--proof .proof__end')!;
    expect(end.querySelector('[aria-hidden="true"]')?.textContent).toBe('∎');
    expect(end.querySelector('.visually-hidden')?.textContent).toBe('証明終わり');
  });

  it('puts ∎ on the last line of a proof that ends in a paragraph, else on a line of its own', () => {
    const inParagraph = parse(render(':::証明\n前半。\n\n後半。\n:::\n').html);
    expect(inParagraph.querySelector('.theorem--proof > p:last-child')?.innerHTML).toMatch(
      /^後半。<span class="proof__end">/,
    );
    const afterDisplay = parse(render(':::証明\n$$\nx = 1\n$$\n:::\n').html);
    const last = afterDisplay.querySelector('.theorem--proof')!.lastElementChild!;
    expect(last.tagName).toBe('P');
    expect(last.classList.contains('proof__end')).toBe(true);
  });

  it('shows a proof’s title in place of 証明, with references in it linked', () => {
    const { html } = render(`${amgm}\n:::証明 @thm-amgm の証明\n両辺を 2 乗する。\n:::\n`);
    expect(heads(html)).toEqual(['定理 1（相加平均と相乗平均）', '定理 1 の証明']);
    expect(links(html)).toEqual(['thmref #thm-amgm 定理 1']);
  });

  it('parses a title as Markdown with math, and escapes what would be HTML', () => {
    const { html } = render(
      ':::定理 $\\sqrt{2}$ は<script>alert(1)</script>無理数 {#thm-sqrt2}\n本文\n:::\n',
    );
    const title = parse(html).querySelector('.theorem__title')!;
    expect(title.querySelector('.katex')).not.toBeNull();
    expect(title.querySelector('script')).toBeNull();
    expect(title.innerHTML).toContain('&lt;script&gt;');
  });

  it('refuses a label that could break out of the id, with a warning at the label', () => {
    const { html, diagnostics } = render(':::定理 名前 {#thm-"onclick="x}\n本文\n:::\n');
    expect(parse(html).querySelector('div.theorem')!.getAttribute('id')).toBeUndefined();
    expect(html).not.toContain('onclick="x"');
    expect(located(diagnostics)).toEqual(['5:10 markdown/invalid-theorem-label']);
  });

  it('warns about a label used twice and about a label without a prefix', () => {
    const { diagnostics, html } = render(
      ':::定理 {#thm-a}\nA\n:::\n\n:::補題 {#thm-a}\nB\n:::\n\n:::命題 {#mean}\nC\n:::\n',
    );
    expect(located(diagnostics)).toEqual([
      '9:7 markdown/duplicate-theorem-label',
      '13:7 markdown/theorem-label-prefix',
    ]);
    expect(parse(html).querySelectorAll('[id="thm-a"]')).toHaveLength(1);
  });

  it('nests a 証明 inside a 定理 given more colons, and after it as well', () => {
    const { html, diagnostics } = render(
      [
        '::::定理 {#thm-outer}',
        '主張。',
        ':::証明',
        '中の証明。',
        ':::',
        '::::',
        ':::証明',
        '後の証明。',
        ':::',
        '',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    const outer = parse(html).querySelector('#thm-outer')!;
    expect(outer.querySelector('.theorem--proof')?.textContent).toContain('中の証明。');
    expect(outer.nextElementSibling?.classList.contains('theorem--proof')).toBe(true);
    expect(parse(html).querySelectorAll('.proof__end')).toHaveLength(2);
  });

  it('warns at the opening line when a block is not closed', () => {
    const { diagnostics } = render('本文。\n\n:::定理\n主張。\n');
    expect(located(diagnostics)).toEqual(['7:1 markdown/unclosed-container']);
  });

  it('leaves Zenn’s and Qiita’s containers as they were, and a word that only starts with 系', () => {
    const { html } = render(
      ':::message\nメモ\n:::\n\n:::details 詳しく\n中身\n:::\n\n:::note warn\n注意書き\n:::\n\n:::系列\n本文\n:::\n',
    );
    const page = parse(html);
    expect(page.querySelectorAll('.callout')).toHaveLength(2);
    expect(page.querySelector('details summary')?.textContent).toBe('詳しく');
    expect(page.querySelector('.theorem')).toBeNull();
    expect(html).toContain(':::系列');
  });
});

describe('references to theorems in prose', () => {
  it('@thm-amgm shows 定理 1 linked to the block, even before the block', () => {
    const { html, diagnostics } = render(`@thm-amgm を使う。\n\n${amgm}`);
    expect(diagnostics).toEqual([]);
    expect(links(html)).toEqual(['thmref #thm-amgm 定理 1']);
  });

  it('warns about a label no block has, at file:line:col, and leaves the text as written', () => {
    const { html, diagnostics } = render(`${amgm}\nこれと @thm-amgn から従う。\n`);
    expect(located(diagnostics)).toEqual(['9:5 markdown/unresolved-theorem-reference']);
    expect(diagnostics[0]!.file).toBe('content/posts/test.md');
    expect(parse(html).querySelectorAll('a')).toHaveLength(0);
    expect(html).toContain('@thm-amgn');
  });

  it('leaves e-mail addresses, @mentions and references inside links and code alone', () => {
    const { html, diagnostics } = render(
      `${amgm}\nmail@thm-amgm.jp と @tanaka さん、\`@thm-amgm\`、[リンク @thm-amgm](/about/)。\n`,
    );
    expect(diagnostics).toEqual([]);
    expect(links(html)).toEqual([
      'url mailto:mail@thm-amgm.jp mail@thm-amgm.jp',
      'undefined /about/ リンク @thm-amgm',
    ]);
  });

  it('keeps the reference as plain text in the table of contents', () => {
    const { headings } = render(`${amgm}\n## @thm-amgm の応用\n`);
    expect(headings[0]!.html).toBe('定理 1 の応用');
  });
});

describe('theorems in the excerpt', () => {
  it('an article that opens with a 定理 has its statement as the excerpt, without the head or label', () => {
    const { excerptText, excerptHtml } = render(
      ':::定理 中間値の定理 {#thm-ivt}\n閉区間で連続な関数は、端の値の間にある値をすべてとる。\n:::\n\n:::証明\n略。\n:::\n',
    );
    expect(excerptText).toBe('閉区間で連続な関数は、端の値の間にある値をすべてとる。 略。');
    expect(excerptHtml).not.toMatch(/定理 1|thm-ivt|∎|証明終わり/);
  });
});

/** A series of parts, placed as the site stage would place them. */
function series(...bodies: string[]): LinkableArticle[] {
  const parts = bodies.map((body, index) => {
    const slug = `part-${index + 1}`;
    return {
      rendered: renderer.render(
        article(body, {
          slug,
          series: '不等式の話',
          part: index + 1,
          sourcePath: `content/posts/${slug}.md`,
        }),
      ),
      url: `/posts/${slug}/`,
      seriesParts: [] as LinkableArticle[],
    };
  });
  for (const part of parts) part.seriesParts = parts;
  return parts;
}

describe('references to theorems across the parts of a series', () => {
  it('@thm-amgm in 後編 shows 定理 1 linked to the block in 前編', () => {
    const parts = series(amgm, '前編の @thm-amgm を $n$ 個に広げる。\n');
    expect(parts[1]!.rendered.diagnostics).toEqual([]);
    const { html, diagnostics } = linkEquationReferences({ articles: parts });
    expect(diagnostics).toEqual([]);
    expect(links(html.get(parts[1]!)!)).toEqual(['thmref /posts/part-1/#thm-amgm 定理 1']);
    expect(html.get(parts[1]!)).not.toContain('<!--');
  });

  it('warns at file:line:col when no part has the label, and leaves the text as written', () => {
    const parts = series(amgm, '本文。\n\n@thm-amgn を使う。\n');
    const { html, diagnostics } = linkEquationReferences({ articles: parts });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'content/posts/part-2.md:7:1 markdown/unresolved-theorem-reference',
    ]);
    expect(diagnostics[0]!.message).toContain('other parts of its series');
    expect(html.get(parts[1]!)).toContain('<p>@thm-amgn を使う。</p>');
  });

  it('shows a reference to another part as the kind’s name in the excerpt, never as a label', () => {
    const parts = series(amgm, '前編の @thm-amgm と @lem-square を使う。\n');
    const { excerptText, excerptHtml } = parts[1]!.rendered;
    expect(excerptText).toBe('前編の 定理 と 補題 を使う。');
    expect(excerptHtml).toBe('前編の 定理 と 補題 を使う。');
  });

  it('prefers a block of the article itself to one of the same label in another part', () => {
    const parts = series(amgm, `:::補題 {#thm-amgm}\n別の主張。\n:::\n\n@thm-amgm より。\n`);
    const { html } = linkEquationReferences({ articles: parts });
    expect(links(html.get(parts[1]!)!)).toEqual(['thmref #thm-amgm 補題 1']);
  });

  it('keeps equation references of a series working beside theorem references', () => {
    const parts = series(`${amgm}\n$$\nx = 1 \\tag{1.3}\n$$\n`, '@thm-amgm と式 (1.3) から。\n');
    const { html } = linkEquationReferences({ articles: parts });
    expect(links(html.get(parts[1]!)!)).toEqual([
      'thmref /posts/part-1/#thm-amgm 定理 1',
      'eqref /posts/part-1/#eq-1.3 (1.3)',
    ]);
  });
});
