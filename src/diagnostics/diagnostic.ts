export type Severity = 'error' | 'warning';

/**
 * A problem the user can fix, located in a source file.
 * `line` and `column` are 1-based and count from the first line of the file,
 * front matter included, so editors can jump straight to them.
 */
export interface Diagnostic {
  /** Path as the user would type it, relative to the working directory. */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Stable machine-readable code, e.g. `front-matter/missing-title`, `math/katex-error`. */
  code: string;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}

/** Deterministic order: by file, then position, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
