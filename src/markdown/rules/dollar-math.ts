import type { StateInline } from 'markdown-it';
import texmath from 'markdown-it-texmath';

/** Where a `$…$` or `$$…$$` that opens at some offset closes, and why it may not count. */
export interface DollarSpan {
  /** Offset of the closing delimiter. */
  close: number;
  /**
   * `digit`: a digit follows the closing `$` and the formula starts with a digit, as in
   * the price range `$5-$10`; the span is not math.
   */
  refused?: 'digit';
}

/**
 * Inline `$…$` and `$$…$$`: markdown-it-texmath's inline rule (it makes the token and keeps
 * its guard: no formula opens after a digit or a backslash, `100$`), given our own matcher
 * in place of its regular expression, which cannot count braces:
 *
 * - A `$` inside braces does not close the formula, as in KaTeX's auto-render:
 *   `$\text{ただし $x>0$ のとき}$` is one formula. `\$` is a dollar sign, never a delimiter.
 * - texmath's other guards stay: none opens with a space (`$ 5`), none closes after a
 *   space. A digit after the closing `$` refuses the formula only when it starts with a
 *   digit too (`$5-$10`); `$n$2つ`, usual in Japanese, is math.
 * - A formula may span the lines of a hard-wrapped paragraph.
 */
export function dollarMath(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x24 /* $ */) return false;
  const delimiter = src.charCodeAt(pos + 1) === 0x24 ? '$$' : '$';
  const rule = texmath.inline({
    name: delimiter === '$$' ? 'math_inline_double' : 'math_inline',
    tag: delimiter,
    rex: dollarMatcher(delimiter, state.posMax),
    pre: texmath.$_pre,
  });
  return rule(state, silent);
}

/**
 * What texmath reads of a rule's regular expression: it sets `lastIndex` to the opening
 * delimiter, calls `exec`, takes group 1 as the formula and goes on from `lastIndex`. Made
 * per call: the paragraph's end (`posMax`) differs between calls, and nothing is shared.
 */
function dollarMatcher(delimiter: '$' | '$$', max: number) {
  return {
    lastIndex: 0,
    exec(src: string): [string, string] | null {
      const open = this.lastIndex;
      const span = findDollarClose(src, open, max, delimiter);
      if (!span || span.refused) return null;
      this.lastIndex = span.close + delimiter.length;
      return [src.slice(open, this.lastIndex), src.slice(open + delimiter.length, span.close)];
    },
  };
}

/** texmath's guard before an opening `$`: not after a backslash or a digit (`100$`). */
export function mayOpen(src: string, at: number): boolean {
  return texmath.$_pre(src, false, at);
}

/**
 * The closing delimiter of a formula opened at `open`, searched up to `max`. A `$` in
 * braces is skipped; if the braces never balance, the first fitting `$` at any depth
 * closes, so the author gets KaTeX's "never closed" error rather than prose.
 */
export function findDollarClose(
  src: string,
  open: number,
  max: number,
  delimiter: '$' | '$$',
): DollarSpan | undefined {
  const start = open + delimiter.length;
  if (start >= max) return undefined;
  // texmath's space guards are for `$` alone: `$$ x $$` in a sentence is math.
  if (delimiter === '$' && (/\s/.test(src[start]!) || src[start] === '$')) return undefined;
  const close = scan(src, start, max, delimiter, true) ?? scan(src, start, max, delimiter, false);
  if (close === undefined) return undefined;
  const after = src.charCodeAt(close + delimiter.length);
  const digitAfter = after >= 0x30 && after <= 0x39;
  return digitAfter && /^\d/.test(src.slice(start)) ? { close, refused: 'digit' } : { close };
}

function scan(
  src: string,
  start: number,
  max: number,
  delimiter: '$' | '$$',
  skipBraced: boolean,
): number | undefined {
  let depth = 0;
  for (let i = start; i < max; i++) {
    const char = src[i];
    if (char === '\\') {
      i++;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth = Math.max(0, depth - 1);
    } else if (char === '$' && (depth === 0 || !skipBraced)) {
      const fits = src.startsWith(delimiter, i) && i + delimiter.length <= max && i > start;
      if (fits && (delimiter === '$$' || closesAfter(src, i))) {
        return i;
      }
      // `$$` inside `$…$` or a lone `$` inside `$$…$$`: not ours, step over it.
      if (delimiter === '$' && src[i + 1] === '$') i++;
    }
  }
  return undefined;
}

/** A formula does not close after a space: `$x $y$` is `x $y`, as in texmath and Pandoc. */
function closesAfter(src: string, at: number): boolean {
  return !/\s/.test(src[at - 1]!);
}
