/** Just enough HTML reading for assertions on rendered pages, without a parser dependency. */

export interface StartTag {
  name: string;
  attributes: Map<string, string>;
}

const START_TAG =
  /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function startTags(html: string): StartTag[] {
  return [...html.matchAll(START_TAG)].map((match) => {
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) {
      attributes.set(
        attribute[1]!.toLowerCase(),
        attribute[2] ?? attribute[3] ?? attribute[4] ?? '',
      );
    }
    return { name: match[1]!.toLowerCase(), attributes };
  });
}

/** Every `href`, `src`, `action` and `srcset` URL on the page, and the URLs in `data-*` attributes that hold one. */
export function links(html: string): string[] {
  return startTags(html).flatMap((tag) =>
    [...tag.attributes].flatMap(([name, value]) => {
      if (name === 'srcset') return value.split(',').map((c) => c.trim().split(/\s+/)[0]!);
      if (['href', 'src', 'action'].includes(name)) return [value];
      if (name.startsWith('data-') && value.startsWith('/')) return [value];
      return [];
    }),
  );
}

/** What a reader sees: tags dropped, entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return decode(
    html
      .replace(/<head>[\s\S]*?<\/head>/, '')
      // A line-break opportunity is no space to a reader.
      .replace(/<wbr>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** The element whose start tag begins with `opening` (e.g. `<nav aria-label="目次"`), up to its matching end tag. */
export function element(html: string, opening: string): string | undefined {
  const start = html.indexOf(opening);
  if (start === -1) return undefined;
  const name = /^<([a-z0-9]+)/.exec(opening)?.[1];
  if (!name) return undefined;
  const pattern = new RegExp(`<${name}[\\s>]|</${name}>`, 'g');
  pattern.lastIndex = start + 1;
  let depth = 1;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return html.slice(start, match.index + match[0].length);
  }
  return undefined;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
