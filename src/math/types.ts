import type { Diagnostic } from '../diagnostics/index.js';

// The formula types of the data model are in `model/formula.ts`; this one is the engine's answer.

export interface RenderedFormula {
  /** KaTeX HTML + MathML, or a visible error box that shows the source. */
  html: string;
  ok: boolean;
  diagnostics: Diagnostic[];
}
