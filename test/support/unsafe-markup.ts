import { parse, type HTMLElement } from 'node-html-parser';
import { decodeXml } from './file-tree.js';

/** Elements that run code or change where the page's URLs point; no page of ours has them. */
const ACTIVE_ELEMENTS = new Set([
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
]);
/** Script types a browser does not run: structured data, JSON for a script to read. */
const DATA_SCRIPT_TYPES = /^(application\/(ld\+)?json|application\/manifest\+json)$/i;
const SCRIPT_URL = /^(javascript|vbscript|livescript):|^data:text\/html/i;
// Browsers ignore spaces, tabs, newlines and control characters in a URL's scheme.
// eslint-disable-next-line no-control-regex
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f]/g;
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'data',
  'background',
  'srcdoc',
]);

export interface MarkupOptions {
  /**
   * Text that only hostile input contains, e.g. `/alert\(/`. A script that runs is
   * reported when it contains it; without a marker every running script is reported.
   */
  marker?: RegExp;
}

/**
 * Ways a page could run code it was not written to run: an event-handler attribute, a
 * `javascript:` URL, a script (with the marker, if given), an `<iframe>`, `<object>`,
 * `<embed>` or `<base>`, a `<meta http-equiv="refresh">`, script in a `style`. Each finding
 * names the element as the parser saw it.
 */
export function unsafeMarkup(html: string, options: MarkupOptions = {}): string[] {
  const findings: string[] = [];
  const root = parse(html, { comment: false });
  for (const element of root.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    const shown = () => describe(element);
    if (tag === 'script' && runs(element)) {
      const code = `${element.getAttribute('src') ?? ''} ${element.text}`;
      if (!options.marker || options.marker.test(code)) findings.push(`script: ${shown()}`);
    }
    if (ACTIVE_ELEMENTS.has(tag)) findings.push(`<${tag}>: ${shown()}`);
    if (tag === 'meta' && /refresh/i.test(element.getAttribute('http-equiv') ?? '')) {
      findings.push(`meta refresh: ${shown()}`);
    }
    for (const [name, value] of Object.entries(element.attributes)) {
      const attribute = name.toLowerCase();
      if (attribute.startsWith('on')) findings.push(`event handler ${name}: ${shown()}`);
      if (URL_ATTRIBUTES.has(attribute) && SCRIPT_URL.test(value.replace(IGNORED_IN_SCHEME, ''))) {
        findings.push(`script URL in ${name}: ${shown()}`);
      }
      if (
        attribute === 'style' &&
        /javascript:|expression\s*\(|behavior\s*:|-moz-binding/i.test(value)
      ) {
        findings.push(`script in style: ${shown()}`);
      }
    }
  }
  return findings;
}

function runs(script: HTMLElement): boolean {
  const type = script.getAttribute('type')?.trim() ?? '';
  return !DATA_SCRIPT_TYPES.test(type);
}

function describe(element: HTMLElement): string {
  const html = element.outerHTML;
  return html.length > 160 ? `${html.slice(0, 160)}…` : html;
}

/**
 * The markup inside the `type="html"` elements of an Atom feed, unescaped once, as a feed
 * reader would read it; check it with `unsafeMarkup` like a page.
 */
export function feedHtml(xml: string): string[] {
  return [...xml.matchAll(/<(\w+)\b[^>]*\btype="html"[^>]*>([\s\S]*?)<\/\1>/g)].map((match) => {
    const content = match[2]!.trim();
    const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(content);
    return cdata ? cdata[1]! : decodeXml(content);
  });
}
