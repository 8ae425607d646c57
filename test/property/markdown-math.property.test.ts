import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer, linkEquationReferences } from '../../src/markdown/index.js';
import { createMathEngine } from '../../src/math/index.js';
import { unsafeMarkup } from '../support/unsafe-markup.js';
import type { Article } from '../../src/model/index.js';

/**
 * For any Markdown and TeX an author (or an attacker) can write, the markdown and math
 * stage neither throws nor emits a script, an event handler or a `javascript:` URL. The
 * seed is fixed, so a failure reproduces; fast-check prints the shrunk counterexample.
 */
const SEED = 20250520;
const RUNS = 250;

/** Pieces of HTML and URLs that must come out as text or not at all. */
const payload = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '"><script>alert(1)</script>',
  "' onmouseover='alert(1)",
  '" onfocus="alert(1)" autofocus="',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  '&#106;avascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src=javascript:alert(1)>',
  '<style>*{x:expression(alert(1))}</style>',
  '<!-- x --><base href=//evil>',
);

const word = fc.oneof(
  fc.constantFrom(
    '数式',
    '定理',
    '証明',
    'よって',
    'x',
    'f(x)',
    '100$',
    '$5',
    '\\$',
    '*',
    '_',
    '`',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

const url = fc.oneof(payload, fc.webUrl(), fc.constantFrom('/posts/a/', '#eq-1.1', '#見出し', ''));

/** TeX: commands that take URLs, HTML, sizes or define macros, with hostile arguments. */
const texPiece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'x^2',
    '\\frac{1}{2}',
    '\\sqrt{x}',
    '\\alpha',
    '\\left(',
    '\\right)',
    '{',
    '}',
    '&',
    '\\\\',
    '\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}',
    '\\begin{cases} 1 & x > 0 \\\\ 0 \\end{cases}',
    '\\begin{align} a &= b \\\\ c &= d \\notag \\end{align}',
    '\\begin{gather}',
    '\\end{gather}',
    '\\begin{equation}',
    '\\def\\x{\\x\\x}\\x',
    '\\newcommand{\\y}[1]{#1#1}\\y{\\y{\\y{z}}}',
    '\\gdef\\g{g}',
    '\\kern{9999em}',
    '\\rule{1000em}{1000em}',
    '\\color{red}',
    '\\textcolor{#f00}{x}',
    '\\label{eq:a}',
    '\\tag{1.1}',
    '\\eqref{eq:a}',
    '\\ref{eq:b}',
    '\\text{漢字}',
    '日本語',
  ),
  payload.map((p) => `\\href{${p}}{x}`),
  payload.map((p) => `\\url{${p}}`),
  payload.map((p) => `\\includegraphics{${p}}`),
  payload.map((p) => `\\htmlClass{${p}}{x}`),
  payload.map((p) => `\\htmlId{${p}}{x}`),
  payload.map((p) => `\\htmlStyle{${p}}{x}`),
  payload.map((p) => `\\htmlData{${p}}{x}`),
  payload.map((p) => `\\text{${p}}`),
  payload.map((p) => `\\tag{${p}}`),
  payload.map((p) => `\\label{${p}}`),
  payload.map((p) => `\\eqref{${p}}`),
  payload.map((p) => `\\operatorname{${p}}`),
  fc.string({ maxLength: 10 }),
);
const tex = fc.array(texPiece, { maxLength: 8 }).map((pieces) => pieces.join(' '));

/** Markdown: math in every delimiter, links, images, code, headings, lists, tables, raw HTML. */
const block: fc.Arbitrary<string> = fc.oneof(
  word,
  payload,
  tex.map((t) => `$${t}$`),
  tex.map((t) => `\\(${t}\\)`),
  tex.map((t) => `$$\n${t}\n$$`),
  tex.map((t) => `$$ ${t} $$`),
  tex.map((t) => `\\[\n${t}\n\\]`),
  tex.map((t) => `\\begin{align}\n${t}\n\\end{align}`),
  tex.map((t) => `$$\n${t}\n$$ (2.${t.length})`),
  fc.tuple(word, url).map(([text, href]) => `[${text}](${href})`),
  fc.tuple(word, url, payload).map(([text, href, title]) => `[${text}](${href} "${title}")`),
  fc.tuple(word, url).map(([alt, src]) => `![${alt}](${src})`),
  url.map((href) => `<${href}>`),
  fc.tuple(word, url).map(([label, href]) => `[${label}]\n\n[${label}]: ${href}`),
  fc.tuple(payload, word).map(([info, code]) => `\`\`\`${info}\n${code}\n\`\`\``),
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), word)
    .map(([level, text]) => `${'#'.repeat(level)} ${text}`),
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), payload)
    .map(([level, text]) => `${'#'.repeat(level)} ${text}`),
  word.map((text) => `- ${text}\n  - ${text}`),
  word.map((text) => `> ${text}\n> $x$`),
  fc.tuple(word, payload).map(([a, b]) => `| ${a} | ${b} |\n|---|---|\n| $x$ | ${b} |`),
  fc.constantFrom('**', '__', '~~', '---', '***', '\n', '\n\n', '  \n', '\t', '\\', '|', '>', '<'),
);
const separator = fc.constantFrom(' ', '', '\n', '\n\n', '\n    ', '\n> ', '\n- ');
const markdown = fc
  .array(fc.tuple(block, separator), { maxLength: 14 })
  .map((blocks) => blocks.map(([text, after]) => text + after).join(''));

const macros = fc.dictionary(
  fc.constantFrom('\\a', '\\b', '\\R', '\\link', '\\evil'),
  fc.oneof(texPiece, fc.constantFrom('\\a\\a', '\\b\\b\\b', '#1')),
  { maxKeys: 3 },
);

function article(body: string, articleMacros: Record<string, string>): Article {
  const frontMatter = '---\ntitle: 性質テスト\ndate: 2025-05-20\n---\n';
  return {
    sourcePath: 'content/posts/property.md',
    sourceText: frontMatter + body,
    slug: 'property',
    title: '性質テスト',
    date: new Date('2025-05-20T00:00:00+09:00'),
    tags: [],
    authors: [],
    draft: false,
    macros: articleMacros,
    body,
    bodyLine: 5,
  };
}

/** Every piece of HTML the stage hands to the templates. */
function renderEverything(body: string, articleMacros: Record<string, string>): string[] {
  const math = createMathEngine();
  const renderer = createMarkdownRenderer(math, { macros: { '\\R': '\\mathbb{R}' } });
  const rendered = renderer.render(article(body, articleMacros));
  const linkable = { rendered, url: '/posts/property/', seriesParts: [] };
  const linked = linkEquationReferences({ articles: [linkable] }, { math });
  return [
    rendered.html,
    linked.html.get(linkable) ?? '',
    rendered.excerptHtml,
    ...rendered.headings.map((heading) => heading.html),
  ];
}

function injected(html: string): string[] {
  return [...(/<script/i.test(html) ? ['<script'] : []), ...unsafeMarkup(html)];
}

describe('the markdown and math stage on random input', () => {
  it('never throws and never emits a script, an event handler or a script URL', () => {
    fc.assert(
      fc.property(markdown, macros, (body, articleMacros) => {
        const findings = renderEverything(body, articleMacros).flatMap(injected);
        expect(findings).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('renders any TeX, display or inline, to KaTeX output or an error box, never a script', () => {
    const math = createMathEngine();
    fc.assert(
      fc.property(tex, fc.boolean(), macros, (formula, displayMode, formulaMacros) => {
        const result = math.render({
          tex: formula,
          displayMode,
          macros: formulaMacros,
          location: { file: 'content/posts/property.md', line: 5, column: 1 },
        });
        expect(injected(result.html)).toEqual([]);
        expect(result.html).toMatch(/class="(katex|katex-display|math-error)"/);
        if (!result.ok) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
