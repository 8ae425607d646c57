import type { Diagnostic } from './diagnostic.js';

export interface FormatOptions {
  /** The full text of `diagnostic.file`, for the code frame. */
  source?: string;
  color?: boolean;
}

const CONTEXT_LINES = 2;

/**
 * `file:line:column error[code]: message`, a code frame with a caret under the column,
 * and the hint. The caret is placed by display width, so it lines up under
 * full-width Japanese characters in a terminal.
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions = {}): string {
  const paint = painter(options.color ?? false);
  const { file, line, column, severity, code, message, hint } = diagnostic;
  const label = severity === 'error' ? paint.red('error') : paint.yellow('warning');
  const place = printable(`${file}:${line}:${column}`);
  const out = [`${paint.bold(place)} ${label}[${printable(code)}]: ${printable(message)}`];
  if (options.source !== undefined) {
    out.push(...codeFrame(options.source, line, column, paint));
  }
  if (hint) out.push(`  ${paint.cyan('hint')}: ${printable(hint)}`);
  return out.join('\n');
}

// C0 controls but tab and line feed, DEL and C1 controls: what terminal escape sequences are made of.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * A source file, a file name or a message quoting one may hold escape sequences that
 * would recolour, retitle or clear the reader's terminal: show each control character
 * as its Control Pictures symbol (`␛`, `␀`) or `�`, one column wide, so the caret
 * still lines up.
 */
function printable(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function codeFrame(source: string, line: number, column: number, paint: Painter): string[] {
  // Split as the content stage counts lines: `\r\n`, `\n` and a lone `\r` each end one.
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  if (line < 1 || line > lines.length) return [];
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const gutterWidth = String(last).length;
  const frame: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = printable(lines[n - 1] ?? '');
    const marker = n === line ? paint.red('>') : ' ';
    frame.push(`${marker} ${String(n).padStart(gutterWidth)} | ${text}`);
    if (n === line) {
      const before = text.slice(0, Math.max(0, column - 1));
      const pad = ' '.repeat(displayWidth(before.replace(/\t/g, ' ')));
      frame.push(`  ${' '.repeat(gutterWidth)} | ${pad}${paint.red('^')}`);
    }
  }
  return frame;
}

/** Terminal columns: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

interface Painter {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
}

function painter(color: boolean): Painter {
  const wrap = (open: number, close: number) => (s: string) =>
    color ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return { red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), bold: wrap(1, 22) };
}
