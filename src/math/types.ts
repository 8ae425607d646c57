import type { Diagnostic } from '../diagnostics/index.js';

/** Where a formula's TeX starts in its source file (1-based, front matter counted). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface FormulaRequest {
  tex: string;
  displayMode: boolean;
  /** Site macros merged with the article's; never mutated. */
  macros: Readonly<Record<string, string>>;
  location: SourceLocation;
}

export interface RenderedFormula {
  /** KaTeX HTML + MathML, or a visible error box that shows the source. */
  html: string;
  ok: boolean;
  diagnostics: Diagnostic[];
}
