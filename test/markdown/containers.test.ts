import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

/** Each box as `kind: label | text of its paragraphs`. */
function boxes(html: string): string[] {
  return parse(html)
    .querySelectorAll('.callout')
    .map((box: HTMLElement) => {
      const kind = box.classList.value.find((name) => name.startsWith('callout--'))!.slice(9);
      const label = box.querySelector('.callout__label')!.textContent;
      const text = box
        .querySelectorAll(':scope > p:not(.callout__label)')
        .map((p) => p.textContent)
        .join(' / ');
      return `${kind}: ${label} | ${text}`;
    });
}

describe('Zenn and Qiita boxes', () => {
  it('makes :::message and :::message alert (Zenn) boxes with a word a screen reader reads first', () => {
    const { html, diagnostics } = render(
      ':::message\nこの記事は前編の続きです。\n:::\n\n:::message alert\n本番環境では実行しないでください。\n:::\n',
    );
    expect(diagnostics).toEqual([]);
    expect(boxes(html)).toEqual([
      'info: メモ | この記事は前編の続きです。',
      'danger: 警告 | 本番環境では実行しないでください。',
    ]);
    expect(html).not.toContain(':::');
  });

  it('makes :::note info, warn, alert and a bare :::note (Qiita) boxes', () => {
    const { html } = render(
      ':::note\n補足です。\n:::\n\n:::note info\n参考情報です。\n:::\n\n:::note warn\n古い情報を含みます。\n:::\n\n:::note alert\nデータが消えます。\n:::\n',
    );
    expect(boxes(html)).toEqual([
      'info: メモ | 補足です。',
      'info: メモ | 参考情報です。',
      'warning: 注意 | 古い情報を含みます。',
      'danger: 警告 | データが消えます。',
    ]);
  });

  it('renders Markdown and math inside a box', () => {
    const { html, diagnostics } = render(
      ':::message\n**定義**: $n$ が素数であるとは、約数が $1$ と $n$ だけであること。\n\n- 例: $2, 3, 5$\n:::\n',
    );
    expect(diagnostics).toEqual([]);
    const box = parse(html).querySelector('.callout')!;
    expect(box.querySelector('strong')?.textContent).toBe('定義');
    expect(box.querySelectorAll('.katex')).toHaveLength(4);
    expect(box.querySelector('ul li')).not.toBeNull();
  });

  it('makes :::details タイトル a <details> with its title, escaped, as the <summary>', () => {
    const { html } = render(
      ':::details 解答を見る <script>alert(1)</script>\n答えは $x = 2$ です。\n:::\n',
    );
    const details = parse(html).querySelector('details')!;
    expect(details.querySelector('summary')!.textContent).toBe(
      '解答を見る <script>alert(1)</script>',
    );
    expect(html).not.toContain('<script>');
    expect(details.querySelector('.details__body p')!.textContent).toContain('答えは');
    expect(details.querySelector('.details__body .katex')).not.toBeNull();
  });

  it('renders math in a details title, and gives an untitled one a title', () => {
    const { html, diagnostics } = render(
      ':::details 定理 $1$ の証明\n略。\n:::\n\n:::details\n中身\n:::\n',
    );
    expect(diagnostics).toEqual([]);
    const summaries = parse(html).querySelectorAll('summary');
    expect(summaries[0]!.querySelector('.katex')).not.toBeNull();
    expect(summaries[1]!.textContent).toBe('詳細');
  });

  it('reports a KaTeX error in a details title at its column', () => {
    const { diagnostics } = render(':::details 補題 $\\foo$ の証明\n略。\n:::\n');
    expect(diagnostics[0]).toMatchObject({ line: 5, column: 16, code: 'math/katex-error' });
  });

  it('nests as on Zenn: the outer container has more colons', () => {
    const { html, diagnostics } = render(
      '::::details 注意点をまとめて見る\n:::message alert\n割り算の前に $b \\neq 0$ を確かめる。\n:::\n\nほかには特にない。\n::::\n\n本文に戻る。\n',
    );
    expect(diagnostics).toEqual([]);
    const details = parse(html).querySelector('details')!;
    expect(details.querySelector('.callout--danger p:not(.callout__label)')!.textContent).toContain(
      '割り算の前に',
    );
    expect(details.querySelector('.details__body > p')!.textContent).toBe('ほかには特にない。');
    expect(parse(html).querySelector('details + p')!.textContent).toBe('本文に戻る。');
  });

  it('warns about a container never closed, at its opening line', () => {
    const { html, diagnostics } = render(
      '段落。\n\n:::message\n閉じ忘れたメッセージ。\n\n続きの段落。\n',
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      line: 7,
      column: 1,
      severity: 'warning',
      code: 'markdown/unclosed-container',
    });
    expect(boxes(html)).toEqual(['info: メモ | 閉じ忘れたメッセージ。 / 続きの段落。']);
  });

  it('leaves an unknown :::name as text', () => {
    const { html } = render(':::column\n囲みの中。\n:::\n');
    expect(html).toContain(':::column');
    expect(html).not.toContain('callout');
  });
});

describe('GitHub alerts', () => {
  it.each([
    ['NOTE', 'info: メモ'],
    ['TIP', 'tip: ヒント'],
    ['IMPORTANT', 'important: 重要'],
    ['WARNING', 'warning: 注意'],
    ['CAUTION', 'danger: 警告'],
  ])('> [!%s] becomes a box labelled in Japanese', (marker, box) => {
    const { html } = render(`> [!${marker}]\n> 行列の積は可換とは限らない。\n`);
    expect(boxes(html)).toEqual([`${box} | 行列の積は可換とは限らない。`]);
    expect(html).not.toContain('blockquote');
    expect(html).not.toContain(`[!${marker}]`);
  });

  it('keeps what follows the marker, with its math located on its own line', () => {
    const { html, diagnostics } = render(
      '> [!note]\n> 次の式に注意: $\\foo + 1$\n>\n> 二段落目。\n',
    );
    expect(boxes(html)).toEqual([
      expect.stringMatching(/^info: メモ \| 次の式に注意: .*\/ 二段落目。$/) as string,
    ]);
    expect(diagnostics[0]).toMatchObject({ line: 6, column: 12, code: 'math/katex-error' });
  });

  it('leaves an ordinary quote, and a quote nested in an alert, as quotes', () => {
    const { html } = render(
      '> 普通の引用。\n\n> [!TIP]\n> 外側の囲み。\n>\n> > 中の引用。\n>\n> 外側の続き。\n',
    );
    const page = parse(html);
    expect(page.querySelector('blockquote')!.textContent.trim()).toBe('普通の引用。');
    const tip = page.querySelector('.callout--tip')!;
    expect(tip.querySelector('blockquote')!.textContent.trim()).toBe('中の引用。');
    expect(tip.querySelectorAll(':scope > p').at(-1)!.textContent).toBe('外側の続き。');
  });

  it('does not take a marker with text after it on its line (GitHub does not either)', () => {
    const { html } = render('> [!NOTE] ここに本文\n');
    expect(html).toContain('<blockquote>');
  });

  it('nests a GitHub alert in a Zenn details block', () => {
    const { html } = render(':::details 補足\n> [!WARNING]\n> 収束半径に注意。\n:::\n');
    expect(parse(html).querySelector('details .callout--warning')).not.toBeNull();
  });
});
