import { headingPhraseBreaks } from './phrases.js';

/**
 * Japanese line-breaking rules for rendered article HTML, applied when a page is made.
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

const CLOSING = /^[、。，．,.)）」』】〕！？!?：；:;…]+/;

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
  return html.replace(/<span class="katex-display"(?![^>]*\btabindex=)/g, '$& tabindex="0"');
}

/** Each short inline formula followed by closing punctuation wrapped with it in `<span class="nowrap">`. */
export function gluePunctuation(html: string): string {
  let result = '';
  let from = 0;
  const opening = /<span class="katex">/g;
  for (let match = opening.exec(html); match; match = opening.exec(html)) {
    const end = spanEnd(html, match.index);
    const punctuation = CLOSING.exec(html.slice(end, end + 8))?.[0];
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(
      html.slice(match.index, end),
    )?.[1];
    opening.lastIndex = end;
    if (!punctuation || tex === undefined || tex.length > GLUE_TEX_LENGTH) continue;
    result +=
      html.slice(from, match.index) +
      `<span class="nowrap">${html.slice(match.index, end)}${punctuation}</span>`;
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
