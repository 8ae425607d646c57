import { headingPhraseBreaks } from './phrases.js';
import type { ReferenceResolutions } from './references.js';

/**
 * Japanese line-breaking rules for rendered article HTML, applied once per article when
 * it is rendered (the build caches the result), not on every page that shows it.
 *
 * Closing punctuation (、。）」) must not start a line (禁則). Browsers keep to that
 * between characters, but Chromium will break between an inline formula and the
 * punctuation after it, since a formula is a box to it, not a character: 「虚数単位 i」
 * at the end of one line and 「、円周率」 at the start of the next. A short formula and
 * the punctuation after it are kept together in a `nowrap` span; a long one keeps the
 * breaks KaTeX allows inside it, since on a phone it may need them.
 */

/** Longest formula (in TeX characters) that is glued to the punctuation after it. */
const GLUE_TEX_LENGTH = 24;

const TEX_ANNOTATION = '<annotation encoding="application/x-tex">';

const CLOSING = /^[、。，．,.)）」』】〕！？!?：；:;…]+/;

/**
 * An article as its pages show it: the body typeset (below) and the excerpt's formulas
 * glued to their punctuation. The build applies this once, when the article is rendered,
 * and caches the result.
 */
export function typesetArticle<T extends { html: string; excerptHtml: string }>(rendered: T): T {
  return {
    ...rendered,
    html: typesetBody(rendered.html),
    excerptHtml: gluePunctuation(rendered.excerptHtml),
  };
}

/**
 * Article body HTML as the page shows it: phrase breaks in headings, formulas glued to
 * their punctuation, display formulas reachable by keyboard.
 */
export function typesetBody(html: string): string {
  return focusableDisplays(gluePunctuation(headingPhraseBreaks(html)));
}

/**
 * A display formula wider than the screen scrolls inside its box, which keyboard users
 * can only scroll once it takes focus (WCAG 2.1.1; axe's scrollable-region-focusable),
 * as Shiki's code blocks do. Focus also reads the formula out, from its MathML.
 */
export function focusableDisplays(html: string): string {
  // indexOf, not a regular expression with a lookahead: this runs over every body.
  const opening = '<span class="katex-display"';
  let result = '';
  let from = 0;
  for (let at = html.indexOf(opening); at !== -1; at = html.indexOf(opening, at + 1)) {
    const tagEnd = html.indexOf('>', at);
    if (/\btabindex=/.test(html.slice(at, tagEnd))) continue;
    result += html.slice(from, at + opening.length) + ' tabindex="0"';
    from = at + opening.length;
  }
  return result + html.slice(from);
}

/**
 * Each short inline formula followed by closing punctuation wrapped with it in
 * `<span class="nowrap">`. A formula still waiting for links to another part of its
 * series is marked (`<!--eqref:N-->…<!--/eqref:N-->`, see `applyEquationLinks`); the
 * span goes around the marks, so whatever replaces the formula later stays glued.
 */
export function gluePunctuation(html: string): string {
  let result = '';
  let from = 0;
  const opening = /(<!--eqref:(\d+)-->)?<span class="katex">/g;
  for (let match = opening.exec(html); match; match = opening.exec(html)) {
    const formulaStart = match.index + (match[1]?.length ?? 0);
    // The TeX comes first (in the MathML), so a long formula is passed over without
    // scanning its HTML for where it ends: no formula holds another.
    const annotation = html.indexOf(TEX_ANNOTATION, formulaStart);
    const next = html.indexOf('<span class="katex">', formulaStart + 1);
    // A formula without its TeX is left alone, and the TeX found is then the next one's.
    if (annotation === -1 || (next !== -1 && next < annotation)) continue;
    const texEnd = html.indexOf('</annotation>', annotation);
    if (texEnd - annotation - TEX_ANNOTATION.length > GLUE_TEX_LENGTH) {
      opening.lastIndex = texEnd;
      continue;
    }
    let end = spanEnd(html, formulaStart);
    const closingMark = match[2] === undefined ? '' : `<!--/eqref:${match[2]}-->`;
    const marked = closingMark !== '' && html.startsWith(closingMark, end);
    if (marked) end += closingMark.length;
    const start = marked ? match.index : formulaStart;
    const punctuation = CLOSING.exec(html.slice(end, end + 8))?.[0];
    opening.lastIndex = end;
    if (!punctuation) continue;
    result +=
      html.slice(from, start) +
      `<span class="nowrap">${html.slice(start, end)}${punctuation}</span>`;
    from = end + punctuation.length;
  }
  return result + html.slice(from);
}

/** Index just past the `</span>` closing the span that starts at `start`. */
function spanEnd(html: string, start: number): number {
  const tags = /<span[\s>]|<\/span>/g;
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[0] === '</span>' ? -1 : 1;
    if (depth === 0) return match.index + match[0].length;
  }
  return html.length;
}

/**
 * Bodies are typeset when their article is rendered; a formula rendered again with links
 * to another part of its series is not, and a display among them must still take focus.
 */
export function typesetResolutions(resolutions: ReferenceResolutions): ReferenceResolutions {
  const typeset: ReferenceResolutions = {};
  for (const [id, resolution] of Object.entries(resolutions)) {
    typeset[Number(id)] =
      resolution.kind === 'html'
        ? { kind: 'html', html: focusableDisplays(resolution.html) }
        : resolution;
  }
  return typeset;
}
