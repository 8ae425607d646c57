import type { Diagnostic } from '../diagnostics/index.js';

/** A diagnostic before it is placed: `offset` is in the author's TeX. */
export type Problem = Omit<Diagnostic, 'file' | 'line' | 'column'> & { offset: number };

/**
 * KaTeX throws more than `ParseError`: some valid-looking formulas reach an internal
 * error (`\textsf{\textit{\textbf{x}}}` asks for a font KaTeX does not ship: "Font metrics
 * not found for font: SansSerif-BoldItalic"). The author can cause it and can avoid it,
 * so it is their error at the formula, not a crash of the build.
 */
export function katexFailure(error: unknown): Problem {
  const reported = messageOf(error);
  const font = /Font metrics not found for font: ([\w-]+)/.exec(reported)?.[1];
  return {
    offset: 0,
    severity: 'error',
    code: 'math/katex-error',
    message: font
      ? `KaTeX has no font for this combination of styles (${font}). (KaTeX: ${reported})`
      : `KaTeX failed on this formula. (KaTeX: ${reported})`,
    hint: font
      ? 'Nest fewer font commands, e.g. `\\textsf{\\textbf{x}}` without `\\textit`.'
      : 'Simplify the formula around the commands KaTeX names; the page shows it as a red box until then.',
  };
}

/** Our own math code failed on this formula: a bug of ours, reported where it happened. */
export function internalFailure(error: unknown): Problem {
  return {
    offset: 0,
    severity: 'error',
    code: 'math/internal-error',
    message: `sugaku failed while rendering this formula: ${messageOf(error)}`,
    hint: 'This is a bug in sugaku; please report it with this formula. Rewriting the formula may avoid it.',
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
