import type { KatexOptions } from 'katex';

/**
 * Options every formula is rendered with. `trust: false` keeps `\href{javascript:…}`
 * and `\includegraphics` out (the engine narrows it to a function that admits only
 * the equation links it wrote itself); the bounds stop macro bombs and absurd sizes.
 */
export const KATEX_OPTIONS = {
  output: 'htmlAndMathml',
  throwOnError: true,
  trust: false,
  maxExpand: 1000,
  maxSize: 50,
} as const satisfies KatexOptions;

/**
 * KaTeX cannot be interrupted, so what it is given is bounded instead: 10 000
 * characters typeset in about half a second on a slow core, and it recurses once per
 * nesting level (a thousand nested `\frac` overflow the stack).
 */
export const MAX_TEX_LENGTH = 10_000;
export const MAX_NESTING = 100;
