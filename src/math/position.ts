import type { SourceLocation } from '../model/index.js';

/** Where a formula stands in its source file: its start and where its later lines begin. */
export interface FormulaPlace {
  tex: string;
  location: SourceLocation;
  /** Columns (1-based) of the second, third, … line of `tex`; 1 when absent. */
  lineColumns?: readonly number[] | undefined;
}

/** The file position of an offset in the formula's TeX, across its line breaks. */
export function positionInFormula(
  { tex, location, lineColumns }: FormulaPlace,
  offset: number,
): SourceLocation {
  const before = tex.slice(0, Math.max(0, offset));
  const lastBreak = before.lastIndexOf('\n');
  if (lastBreak === -1) return { ...location, column: location.column + before.length };
  const lines = before.split('\n').length - 1;
  const firstColumn = lineColumns?.[lines - 1] ?? 1;
  return {
    file: location.file,
    line: location.line + lines,
    column: firstColumn + before.length - lastBreak - 1,
  };
}
