import MarkdownIt from 'markdown-it';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { loadHighlighter } from '../../src/markdown/rules/highlighter.js';
import {
  codePlugin,
  fenceLanguage,
  parseFenceInfo,
  highlightCode,
  highlightedLanguages,
} from '../../src/markdown/rules/code.js';

// The build loads Shiki before it renders an article with code (`renderer.prepare`).
beforeAll(() => loadHighlighter());

function render(markdown: string): string {
  const md = new MarkdownIt({ html: false });
  md.use(codePlugin);
  return md.render(markdown);
}

describe('fenced code, highlighted at build time', () => {
  test('Python gets coloured tokens with a light and a dark colour each, and no script', () => {
    const html = render('```python\ndef f(x):\n    return x ** 2  # 二乗\n```\n');
    expect(html).toMatch(
      /<pre class="shiki shiki-themes github-light-default github-dark-default"/,
    );
    expect(html).toContain('data-language="python"');
    expect(html).toMatch(
      /<span style="--shiki-light:#[0-9A-Fa-f]{6};--shiki-dark:#[0-9A-Fa-f]{6}">def<\/span>/,
    );
    expect(html).toContain('# 二乗');
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  });

  test.each([
    ['python', 'print(1)'],
    ['js', 'const x = 1;'],
    ['javascript', 'let y = () => 2;'],
    ['ts', 'let x: number = 1;'],
    ['typescript', 'type A = { a: string };'],
    ['bash', 'echo "$HOME" | grep x'],
    ['sh', 'ls -la'],
    ['json', '{"a": [1, 2]}'],
    ['latex', '\\frac{a}{b}'],
    ['tex', '\\begin{align} x \\end{align}'],
    ['c', 'int main(void) { return 0; }'],
    ['cpp', 'std::vector<int> v;'],
    ['rust', 'fn main() { let x = 1; }'],
    ['yaml', 'a: [1, 2]'],
  ])('%s is highlighted', (language, code) => {
    expect(fenceLanguage(language)).toBeDefined();
    const html = highlightCode(code, language);
    // More than one colour: the grammar recognised something.
    const colours = new Set(
      [...html.matchAll(/--shiki-light:(#[0-9A-Fa-f]{6})/g)].map((m) => m[1]),
    );
    expect(colours.size).toBeGreaterThan(1);
  });

  test('an unknown or missing language is shown as plain, escaped text', () => {
    for (const info of ['klingon', '']) {
      const html = highlightCode('<b>"太字"</b> & x', info);
      expect(html).toContain('&#x3C;b>');
      expect(html).not.toContain('<b>');
      expect(fenceLanguage(info)).toBeUndefined();
    }
    expect(render('```\nplain <text>\n```\n')).toContain('plain &#x3C;text>');
  });

  test('the highlighter knows the languages it promises', () => {
    expect(highlightedLanguages()).toEqual(
      expect.arrayContaining([
        'python',
        'javascript',
        'typescript',
        'bash',
        'json',
        'latex',
        'c',
        'rust',
      ]),
    );
  });

  test('the fence info after the language (a file name, options) is ignored', () => {
    expect(fenceLanguage('python title="a.py"')).toBe('python');
  });

  test('a fence info that is markup, not a language name, is not copied into the page', () => {
    const html = render('```<script>alert(1)</script>\nx\n```\n\n```c++\ny\n```\n');
    expect(html).not.toMatch(/<script|alert/);
    expect(html).toContain('data-language="c++"');
  });

  test('```python:main.py (Zenn, Qiita) is Python, captioned with its file name above the code', () => {
    const html = render('```python:main.py\nprint("こんにちは")\n```\n');
    expect(html).toMatch(
      /^<figure class="code-block">\n<figcaption class="code-block__bar"><span class="code-block__name">main.py<\/span> <span class="code-block__language">python<\/span><\/figcaption>\n<pre class="shiki/,
    );
    expect(html).toContain('data-language="python"');
    expect(html).toMatch(/--shiki-light:#[0-9A-Fa-f]{6}[^>]*>print<\/span>/);
    expect(html.trimEnd()).toMatch(/<\/pre>\n<\/figure>$/);
  });

  test('a file name may be Japanese, contain spaces, or come without a language', () => {
    expect(parseFenceInfo('js:src/数式 ビューア.js')).toEqual({
      label: 'js',
      fileName: 'src/数式 ビューア.js',
    });
    expect(parseFenceInfo(':メモ.txt')).toEqual({ label: '', fileName: 'メモ.txt' });
    expect(parseFenceInfo('python title="a:b"')).toEqual({ label: 'python' });
    expect(parseFenceInfo('diff js:index.js')).toEqual({ label: 'diff', fileName: 'index.js' });
    const html = render('```:メモ.txt\n買うもの\n```\n');
    expect(html).toContain(
      '<figcaption class="code-block__bar"><span class="code-block__name">メモ.txt</span></figcaption>',
    );
  });

  test('```diff js:index.js (Zenn) is a diff, captioned with the file name', () => {
    const html = render('```diff js:index.js\n-const a = 1;\n+const a = 2;\n```\n');
    expect(html).toContain('<span class="code-block__name">index.js</span>');
    expect(html).toContain('<span class="code-block__language">diff</span>');
    expect(html).toContain('data-language="diff"');
    const colours = new Set(
      [...html.matchAll(/--shiki-light:(#[0-9A-Fa-f]{6})/g)].map((m) => m[1]),
    );
    expect(colours.size).toBeGreaterThan(2);
  });

  test('a block names its language in a bar above the code, as the author wrote it', () => {
    const html = render('```shell\nnpm run build\n```\n');
    expect(html).toMatch(
      /^<div class="code-block">\n<div class="code-block__bar"><span class="code-block__language">shell<\/span><\/div>\n<pre class="shiki/,
    );
    expect(html.trimEnd()).toMatch(/<\/pre>\n<\/div>$/);
  });

  test('a block without a language has no bar (the copy button brings its own)', () => {
    const html = render('```\nただの文字\n```\n');
    expect(html).toMatch(/^<div class="code-block">\n<pre class="shiki/);
    expect(html).not.toContain('code-block__bar');
  });

  test('a file name is escaped', () => {
    const html = render('```ts:<img src=x onerror=alert(1)>.ts\nlet a = 1;\n```\n');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.ts</span>');
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('data-language="ts"');
  });
});

describe('highlighting is the same on a slow or busy machine', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('a line is coloured whole even when tokenizing it takes seconds', () => {
    const code = 'const total = values.reduce((sum, x) => sum + x ** 2, 0); // 二乗和\n';
    const calm = highlightCode(code, 'ts');
    // A clock that jumps a second at every reading: a machine so loaded that each step of
    // the tokenizer seems to take that long (TextMate's default gives up after 500 ms).
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    expect(highlightCode(code, 'ts')).toBe(calm);
  });

  test('a line longer than 20,000 characters is shown plain, every time', () => {
    const long = `x = [${'1, '.repeat(10_000)}1]\n`;
    const html = highlightCode(long, 'python');
    expect(html).toBe(highlightCode(long, 'python'));
    expect(html).not.toMatch(/--shiki-light:#[0-9A-Fa-f]{6}[^>]*>1</);
  });
});
