import type { HighlighterCore } from 'shiki/core';

/**
 * Shiki (https://shiki.style), loaded when the first article with fenced code is about to
 * be rendered, not when the build starts: its grammars and its regex engine cost each
 * thread 0.3–0.5 s to load (measured on this 2-core machine), and most math articles
 * have no code. Highlighting runs inside markdown-it's synchronous render, so the loading,
 * which is asynchronous (WebAssembly), happens before it: `loadHighlighter`.
 *
 * The Oniguruma engine is the regex engine of the grammars' own editors; Shiki's
 * JavaScript engine would load synchronously but takes seconds on C++ and JS.
 */
let highlighter: HighlighterCore | undefined;
let loading: Promise<void> | undefined;

export function loadHighlighter(): Promise<void> {
  loading ??= load();
  return loading;
}

async function load(): Promise<void> {
  const [core, oniguruma, themes, langs] = await Promise.all([
    import('shiki/core'),
    import('shiki/engine/oniguruma'),
    Promise.all([
      import('shiki/themes/github-light-default.mjs'),
      import('shiki/themes/github-dark-default.mjs'),
    ]),
    Promise.all([
      import('shiki/langs/bash.mjs'),
      import('shiki/langs/c.mjs'),
      import('shiki/langs/cpp.mjs'),
      import('shiki/langs/diff.mjs'),
      import('shiki/langs/javascript.mjs'),
      import('shiki/langs/json.mjs'),
      import('shiki/langs/latex.mjs'),
      import('shiki/langs/python.mjs'),
      import('shiki/langs/rust.mjs'),
      import('shiki/langs/typescript.mjs'),
      import('shiki/langs/yaml.mjs'),
    ]),
  ]);
  highlighter = core.createHighlighterCoreSync({
    themes: themes.map((theme) => theme.default),
    langs: langs.map((lang) => lang.default),
    engine: await oniguruma.createOnigurumaEngine(import('shiki/wasm')),
  });
}

/** The highlighter, once `loadHighlighter` has finished. */
export function loadedHighlighter(): HighlighterCore {
  if (!highlighter) {
    throw new Error(
      'Fenced code was rendered before Shiki was loaded: await loadHighlighter() first',
    );
  }
  return highlighter;
}

/**
 * Whether a Markdown text may hold fenced code (or anything else that looks like a fence):
 * a false alarm only loads Shiki for nothing.
 */
export function mayHaveFencedCode(markdown: string): boolean {
  return markdown.includes('```') || markdown.includes('~~~');
}
