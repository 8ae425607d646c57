import type { KatexOptions } from 'katex';

/**
 * Options every formula is rendered with. `trust: false` keeps `\href{javascript:…}`
 * and `\includegraphics` out; the bounds stop macro bombs and absurd sizes quickly.
 */
export const KATEX_OPTIONS = {
  output: 'htmlAndMathml',
  throwOnError: true,
  trust: false,
  maxExpand: 1000,
  maxSize: 50,
} as const satisfies KatexOptions;
