export type { FormulaRequest, RenderedFormula, SourceLocation } from './types.js';
export type { MathEngine } from './engine.js';
export { createMathEngine } from './engine.js';
export { escapeHtml } from './error-box.js';
