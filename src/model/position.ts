/** A place in a source file: 1-based line and column, counted from the top of the file (front matter included). */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A place in a named source file, as diagnostics name it. */
export interface SourceLocation extends SourcePosition {
  file: string;
}
