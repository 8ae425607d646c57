import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Parser } from 'budoux';
import { escapeHtml } from '../util/index.js';

/**
 * Japanese has no spaces, so a browser may break a line between any two characters,
 * splitting 指数関数 into 指数関 / 数. Titles and headings are short and large, where
 * that shows most: we mark the breaks between phrases (文節) with `<wbr>` using
 * BudouX (https://github.com/google/budoux), and the stylesheet sets
 * `word-break: keep-all` on them so that a line breaks only there.
 */
const parser = await japaneseParser();

/**
 * BudouX's parser with its Japanese model, loaded from the package's ES modules one by one:
 * its index also loads an HTML parser (linkedom) and three other languages' models, which
 * took a seventh of what every `sugaku` process and build worker spends loading modules.
 */
async function japaneseParser(): Promise<Parser> {
  // `require` finds the CommonJS build (`dist/`); the ES modules are in `module/` beside it.
  const modules = new URL(
    '../module/',
    pathToFileURL(createRequire(import.meta.url).resolve('budoux')),
  );
  const [{ Parser }, { model }] = await Promise.all([
    import(new URL('parser.js', modules).href) as Promise<typeof import('budoux')>,
    import(new URL('data/models/ja.js', modules).href) as Promise<{
      model: Record<string, Record<string, number>>;
    }>,
  ]);
  return new Parser(model);
}

/** `text` escaped as HTML, with `<wbr>` between its phrases. */
export function phraseBreaks(text: string): string {
  return joinPhrases(parser.parse(text));
}

/**
 * Trusted HTML with `<wbr>` between phrases inside its headings (`<h1>`–`<h6>`).
 * Formulas and code in a heading are left as they are.
 */
export function headingPhraseBreaks(html: string): string {
  return html.replace(
    /(<h([1-6])\b[^>]*>)([\s\S]*?)(<\/h\2>)/g,
    (_, open: string, _level: string, inner: string, close: string) =>
      open + inlinePhraseBreaks(inner) + close,
  );
}

/** Trusted inline HTML (a heading's content) with `<wbr>` between the phrases of its text. */
export function inlinePhraseBreaks(html: string): string {
  let result = '';
  // Depth inside elements whose text is not prose: KaTeX's output, code.
  let skipDepth = 0;
  let skipTag = '';
  for (const [token] of html.matchAll(/<[^>]*>|[^<]+/g)) {
    if (token.startsWith('<')) {
      result += token;
      const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(token)?.[1]?.toLowerCase() ?? '';
      if (skipDepth > 0) {
        if (name === skipTag) skipDepth += token.startsWith('</') ? -1 : 1;
      } else if (
        /^<(code|kbd|samp)\b/i.test(token) ||
        /^<span\b[^>]*class="(katex|math-error)/.test(token)
      ) {
        skipTag = name;
        skipDepth = 1;
      }
    } else {
      result += skipDepth > 0 ? token : joinPhrases(parser.parse(decode(token)));
    }
  }
  return result;
}

function joinPhrases(phrases: string[]): string {
  let html = '';
  phrases.forEach((phrase, index) => {
    const previous = phrases[index - 1];
    // A space already allows a break; <wbr> goes only between two phrases that touch.
    if (previous !== undefined && !/\s$/.test(previous) && !/^\s/.test(phrase)) html += '<wbr>';
    html += escapeLikeLiquid(phrase);
  });
  return html;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(x[0-9a-f]+|\d+);/gi, (entity, code: string) => {
      const point = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : Number(code);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
    })
    .replace(/&amp;/g, '&');
}

/**
 * Escaped as LiquidJS escapes template output, `"` as `&#34;`: every `&quot;` left by
 * `escapeHtml` was a quote, since an `&` of the text became `&amp;` first.
 */
function escapeLikeLiquid(text: string): string {
  return escapeHtml(text).replaceAll('&quot;', '&#34;');
}
