export type { Diagnostic, Severity } from './diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostic.js';
export { formatDiagnostic, formatSummary } from './format.js';
