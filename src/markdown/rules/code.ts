import type { MarkdownIt, Token } from 'markdown-it';
import { loadedHighlighter } from './highlighter.js';

/**
 * Fenced code highlighted at build time with Shiki (https://shiki.style): the page gets
 * coloured spans and no script. Each token carries a light and a dark colour as CSS
 * custom properties (`--shiki-light`, `--shiki-dark`); the stylesheet picks one by
 * `prefers-color-scheme`. Shiki is loaded beforehand, only for an article with code
 * (`highlighter.ts`).
 */

const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;

/** Fence names Shiki knows by another name. */
const ALIASES: Readonly<Record<string, string>> = {
  console: 'bash',
  shell: 'bash',
  sh: 'bash',
  zsh: 'bash',
  tex: 'latex',
  jsonc: 'json',
  h: 'c',
  hpp: 'cpp',
  'c++': 'cpp',
  cxx: 'cpp',
  py: 'python',
  python3: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  rs: 'rust',
  yml: 'yaml',
};

/** The languages fenced code is highlighted in (with their aliases); any other is shown as plain text. */
export function highlightedLanguages(): string[] {
  return loadedHighlighter().getLoadedLanguages().sort();
}

/**
 * A fence's info string as Zenn and Qiita read it: ```` ```python:main.py ```` is Python
 * with the file name `main.py` (which may contain spaces and Japanese), ```` ```:memo.txt ````
 * a file name alone, ```` ```diff js:index.js ```` a diff of that file. Anything else is a language and options (`python title="a.py"`).
 */
export function parseFenceInfo(info: string): { label: string; fileName?: string } {
  const trimmed = info.trim();
  // Zenn's ```diff js:index.js is a diff of that file: shown as a diff.
  const named = /^(diff\s+)?([^\s:]*):(.*\S.*)$/.exec(trimmed);
  if (named) return { label: named[1] ? 'diff' : named[2]!, fileName: named[3]!.trim() };
  return { label: trimmed.split(/\s+/)[0] ?? '' };
}

/** The fence's language as Shiki names it, or undefined for plain text. */
export function fenceLanguage(info: string): string | undefined {
  const name = parseFenceInfo(info).label.toLowerCase();
  if (!name) return undefined;
  const language = ALIASES[name] ?? name;
  return loadedHighlighter().getLoadedLanguages().includes(language) ? language : undefined;
}

/** Code as highlighted HTML: `<pre class="shiki …"><code>…</code></pre>`, plain text when the language is unknown. */
export function highlightCode(code: string, info: string): string {
  const language = fenceLanguage(info) ?? 'text';
  const { label } = parseFenceInfo(info);
  return loadedHighlighter().codeToHtml(code, {
    lang: language,
    themes: THEMES,
    defaultColor: false,
    // The page must not depend on how busy the machine is: TextMate stops colouring a line
    // after 500 ms by default, which a loaded CI machine reached (a worker build and a
    // one-thread build of the same site differed). A line too long to colour quickly is
    // left plain by its length instead.
    tokenizeTimeLimit: 0,
    tokenizeMaxLineLength: MAX_COLOURED_LINE,
    transformers: [
      {
        pre(node) {
          // The language as the author wrote it, for styles and for readers of the source.
          // Only a name-like label: Shiki escapes just `"` and `&` in attributes, and an info
          // string such as `<script>alert(1)</script>` has no business in the page.
          if (LANGUAGE_LABEL.test(label)) node.properties['data-language'] = label;
        },
      },
    ],
  });
}

/** Longer lines of code are shown plain: nobody reads colours in a 20,000-character line. */
const MAX_COLOURED_LINE = 20_000;

/** What a fence's language looks like: `ts`, `c++`, `objective-c`, `f#`, `python3.12`. */
const LANGUAGE_LABEL = /^[\p{L}\p{N}_+#.-]+$/u;

/** What the renderer counts in markdown-it's `env`: the page loads the copy script only when there is code. */
interface CodeEnv {
  codeBlocks?: number;
}

/**
 * Replaces markdown-it's `fence` renderer with Shiki's output, in a box with a bar above
 * the code that names its language and, for ```` ```python:main.py ````, its file name
 * (as on Zenn and Qiita). A block with a file name is a figure captioned with the bar,
 * which also names the code for a screen reader. The copy button is not here: it only
 * works with JavaScript, so `assets/code-copy.js` adds it to each bar.
 */
export function codePlugin(md: MarkdownIt): void {
  md.renderer.rules.fence = (tokens: Token[], index: number, _options, env: unknown) => {
    const token = tokens[index]!;
    const counted = env as CodeEnv | undefined;
    if (counted) counted.codeBlocks = (counted.codeBlocks ?? 0) + 1;
    const code = highlightCode(token.content, token.info);
    const { label, fileName } = parseFenceInfo(token.info);
    const language = LANGUAGE_LABEL.test(label)
      ? `<span class="code-block__language">${md.utils.escapeHtml(label)}</span>`
      : '';
    if (fileName === undefined) {
      const bar = language ? `<div class="code-block__bar">${language}</div>\n` : '';
      return `<div class="code-block">\n${bar}${code}\n</div>\n`;
    }
    return (
      `<figure class="code-block">\n<figcaption class="code-block__bar">` +
      `<span class="code-block__name">${md.utils.escapeHtml(fileName)}</span>${language ? ` ${language}` : ''}</figcaption>\n` +
      `${code}\n</figure>\n`
    );
  };
}
