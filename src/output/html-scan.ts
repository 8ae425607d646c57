/**
 * Just enough HTML scanning for the markup we produce ourselves (markdown-it, KaTeX,
 * Shiki): double-quoted attributes, no comments, no raw `<` in text. Not a parser for
 * arbitrary HTML.
 */

/** Index just past the end tag that closes the element whose start tag begins at `start`. */
export function elementEnd(html: string, start: number): number {
  const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(start, start + 40))?.[1];
  if (!name) return start;
  const tags = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*>`, 'gi');
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    if (match[1]) depth--;
    else if (!match[0].endsWith('/>')) depth++;
    if (depth === 0) return match.index + match[0].length;
  }
  return html.length;
}

/**
 * Replace every element whose start tag matches `opening` (a regex source such as
 * `<span class="katex-html"`) with what `replace` returns for its whole markup.
 * Elements inside a replaced one are not visited.
 */
export function replaceElements(
  html: string,
  opening: RegExp,
  replace: (element: string) => string,
): string {
  const pattern = new RegExp(
    opening.source,
    opening.flags.includes('g') ? opening.flags : `${opening.flags}g`,
  );
  let result = '';
  let from = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    const end = elementEnd(html, match.index);
    result += html.slice(from, match.index) + replace(html.slice(match.index, end));
    from = end;
    pattern.lastIndex = end;
  }
  return result + html.slice(from);
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), entity);
    if (lower.startsWith('#')) return safeCodePoint(Number(lower.slice(1)), entity);
    return NAMED[lower] ?? entity;
  });
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : fallback;
}
