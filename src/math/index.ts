export type {
  EquationLink,
  FormulaRequest,
  RenderedFormula,
  RowNumber,
  SourceLocation,
} from './types.js';
export type { MathEngine } from './engine.js';
export { createMathEngine } from './engine.js';
export { markdownEscapeWarning } from './markdown-escapes.js';
export type { EquationMarks, EquationRow, TexMark } from './equation-marks.js';
export { canAnchorRow, isNumberedRow, readEquationMarks } from './equation-marks.js';
export type { Formula, FormulaLint, LintContext } from './lint.js';
export { FORMULA_LINTS } from './lint.js';
export type { FormulaPlace } from './position.js';
export { positionInFormula } from './position.js';
