import { eastAsianWidthType } from 'get-east-asian-width';
import type { MarkdownIt, StateCore, Token } from 'markdown-it';

/**
 * A line break inside a paragraph between two Japanese (or Chinese) characters is removed
 * instead of becoming a space: Japanese has no spaces between words, so a hard-wrapped
 * sentence would otherwise show a gap at every source line end. The rule is CSS Text 3's
 * segment break transformation (https://www.w3.org/TR/css-text-3/#line-break-transform):
 * both neighbours East Asian Wide, Fullwidth or Halfwidth, neither Hangul.
 *
 * Ours, in place of markdown-it-cjk-breaks 2.0.0, which throws on an empty text token, and
 * markdown-it leaves one after `**強調**` at a line end, after inline code or an image, and
 * after a break that the rule itself has just removed (markdown-it-cjk-breaks#6; fixed
 * upstream in 2.0.1, which our registry does not offer). The neighbours are looked for
 * through emphasis, links and inline formulas, as upstream does, so `**山**` ⏎ `田` still
 * joins to `<strong>山</strong>田`.
 */
export function cjkBreaksPlugin(md: MarkdownIt): void {
  md.core.ruler.push('cjk_breaks', (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) joinCjkBreaks(token.children);
    }
  });
}

function joinCjkBreaks(children: Token[]): void {
  children.forEach((token, index) => {
    if (token.type !== 'softbreak') return;
    const before = neighbourText(children, index, -1);
    const after = neighbourText(children, index, 1);
    if (before === undefined || after === undefined) return;
    const last = lastCharacter(before);
    const next = firstCharacter(after);
    if (
      last === '\u200b' ||
      next === '\u200b' ||
      (isWideNotHangul(last) && isWideNotHangul(next))
    ) {
      token.type = 'text';
      token.content = '';
    }
  });
}

/** The nearest text with at least one character on one side of a break, within its line pair. */
function neighbourText(children: Token[], from: number, step: 1 | -1): string | undefined {
  for (let i = from + step; i >= 0 && i < children.length; i += step) {
    const token = children[i]!;
    if (token.type === 'hardbreak') return undefined;
    if (token.type === 'text' && token.content !== '') return token.content;
  }
  return undefined;
}

function lastCharacter(text: string): string {
  const last = text.codePointAt(text.length - 1)!;
  // A low surrogate ends the text: the character is the pair before it.
  return last >= 0xdc00 && last <= 0xdfff && text.length > 1
    ? String.fromCodePoint(text.codePointAt(text.length - 2)!)
    : String.fromCodePoint(last);
}

function firstCharacter(text: string): string {
  return String.fromCodePoint(text.codePointAt(0)!);
}

const HANGUL = /\p{Script=Hangul}/u;

function isWideNotHangul(character: string): boolean {
  const width = eastAsianWidthType(character.codePointAt(0)!);
  return (
    (width === 'wide' || width === 'fullwidth' || width === 'halfwidth') && !HANGUL.test(character)
  );
}
