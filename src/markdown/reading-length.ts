import type { Token } from 'markdown-it';
import { BLOCK_MATH, INLINE_MATH } from './rules/math.js';

/** How many characters a formula is worth to a reader's time (Zola-style estimates count text only). */
const INLINE_FORMULA = 4;
const DISPLAY_FORMULA = 12;

/** Characters of prose a reader reads; code is left out, formulas count as a few characters. */
export function readingLength(tokens: Token[]): number {
  let length = 0;
  for (const token of tokens) {
    if ((BLOCK_MATH as readonly string[]).includes(token.type)) length += DISPLAY_FORMULA;
    if (token.type !== 'inline' || !token.children) continue;
    for (const child of token.children) {
      if (child.type === 'text') length += child.content.replace(/\s+/g, '').length;
      else if ((INLINE_MATH as readonly string[]).includes(child.type)) length += INLINE_FORMULA;
    }
  }
  return length;
}
