/** `text` as HTML text or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Every class an HTML fragment names in a `class` attribute, added to `into`. */
export function addClassNames(html: string, into: Set<string>): Set<string> {
  for (const match of html.matchAll(/\sclass="([^"]*)"/g)) {
    for (const name of match[1]!.split(/\s+/)) if (name !== '') into.add(name);
  }
  return into;
}

/** Every class an HTML fragment names, once each, sorted. */
export function classNamesIn(html: string): string[] {
  return [...addClassNames(html, new Set())].sort();
}
