import type { SourceLocation } from './position.js';

/** What `\eqref{name}` shows and where it leads: `2.4`, `#eq-2.4` or `/posts/part-1/#eq-1.3`. */
export interface EquationLink {
  number: string;
  href: string;
}

/** What one numbered row (or a whole display) shows and carries. */
export interface RowNumber {
  /** Index of the row in `EquationMarks.rows`. */
  row: number;
  /** An automatic number, for a row without a `\tag` of its own: shown as `\tag{…}`. */
  autoTag?: string;
  /** A restated `\tag`: where its number links back to (the original equation). */
  tagLink?: string;
  /** Element id put on the row's number, when the display has more than one number. */
  anchor?: string;
}

export interface FormulaRequest {
  tex: string;
  displayMode: boolean;
  /** Site macros merged with the article's; never mutated. */
  macros: Readonly<Record<string, string>>;
  location: SourceLocation;
  /**
   * Columns (1-based) at which the second, third, … line of `tex` start in the source
   * file, when not 1 (indented lists, `>` quotes). Only for locating diagnostics.
   */
  lineColumns?: readonly number[];
  /** What `\eqref{name}` and `\ref{name}` in this formula resolve to, by label. Unknown labels show `(??)`. */
  references?: Readonly<Record<string, EquationLink>>;
  /** What the article's numbering gave the rows of this display (see `readEquationMarks`). */
  numbering?: readonly RowNumber[];
  /** Undo Markdown escapes (`x^\*`, `\\{`) first: inline math of a site with `math.markdownEscapes`. */
  markdownEscapes?: boolean;
}
