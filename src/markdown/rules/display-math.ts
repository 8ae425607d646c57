import type { StateBlock } from 'markdown-it';
import type { RenderEnv } from '../env.js';
import { formulaMeta } from '../env.js';
import { columnOfBodyOffset } from '../locate.js';

interface Delimiter {
  open: string;
  close: string;
}

const DELIMITERS: readonly Delimiter[] = [
  { open: '$$', close: '$$' },
  { open: '\\[', close: '\\]' },
];

/** texmath's `$$ … $$ (2.4)`: a number after the closing delimiter becomes the tag. */
const EQUATION_NUMBER = /^\s*\(([^)\s]+)\)\s*$/;

/**
 * Display math `$$ … $$` and `\[ … \]` from the start of a line, in place of
 * markdown-it-texmath's block rules, which fail silently in ways authors hit:
 *
 * - It may interrupt a paragraph (registered with `alt: ['paragraph', …]`): texmath's
 *   `$$` right after a prose line became display math nested in `<p>`, and `\[` became `[`.
 * - It ends at the closing delimiter, `$` inside it is fine (`\text{if $x>0$}`;
 *   texmath's pattern excluded every `$`), and text after the closing `$$` on the same
 *   line becomes a paragraph (texmath dropped it).
 * - A blank line inside it is accepted with a warning when the closing delimiter follows
 *   (Zenn accepts it; see `closedAfterBlank`). Otherwise the blank line ends it: an error
 *   box with a located diagnostic, and the article goes on after the blank line (texmath
 *   searched on for the next `$$`, anywhere, and swallowed the article up to it).
 */
export function displayMathRule(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const opening = state.bMarks[startLine]! + state.tShift[startLine]!;
  const delimiter = DELIMITERS.find((candidate) => state.src.startsWith(candidate.open, opening));
  if (!delimiter) return false;
  if (silent) return true;

  const env = state.env as RenderEnv;
  const lines: string[] = [];
  const lineColumns: number[] = [];
  let line = startLine;
  let from = opening + delimiter.open.length;
  let close: number;
  /** The first blank line inside a display that closes after it (Zenn's way). */
  let blankLine: number | undefined;
  for (;;) {
    const end = state.eMarks[line]!;
    close = findClosing(state.src, from, end, delimiter.close);
    lines.push(state.src.slice(from, close === -1 ? end : close));
    if (close !== -1) break;
    if (line + 1 >= endLine) break;
    if (state.isEmpty(line + 1)) {
      blankLine ??= closedAfterBlank(state, line + 1, endLine, delimiter) ? line + 1 : undefined;
      if (blankLine === undefined) break;
    }
    line++;
    // The author's indentation stays (it is part of the TeX they copy back from the
    // annotation); only the list item's or quote's own indentation goes.
    from = state.bMarks[line]! + Math.min(state.tShift[line]!, state.blkIndent);
    lineColumns.push(columnOfBodyOffset(state.src, from));
  }

  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.markup = delimiter.open;
  token.map = [startLine, line + 1];
  const meta = formulaMeta(token);
  let first = {
    file: env.article.sourcePath,
    line: env.article.bodyLine + startLine,
    column: columnOfBodyOffset(state.src, opening + delimiter.open.length),
  };
  // `$$` on a line of its own: the TeX starts on the next line and ends on the line
  // before the closing `$$`, with no line break added before or after it.
  if (close !== -1 && lines.length > 1 && lines[lines.length - 1]!.trim() === '') {
    lines.pop();
    lineColumns.pop();
  }
  if (lines.length > 1 && lines[0]!.trim() === '') {
    lines.shift();
    first = { ...first, line: first.line + 1, column: lineColumns.shift()! };
  }
  token.content = lines.join('\n');
  meta.location = first;
  meta.lineColumns = lineColumns;
  state.line = line + 1;

  if (close === -1) {
    meta.unclosed = true;
    env.diagnostics.push({
      file: env.article.sourcePath,
      line: env.article.bodyLine + startLine,
      column: columnOfBodyOffset(state.src, opening),
      severity: 'error',
      code: 'math/unclosed-display',
      message: `Display math opened with \`${delimiter.open}\` is not closed with \`${delimiter.close}\` before ${line + 1 >= endLine ? 'the end of the article' : 'the blank line after it'}.`,
      hint: `Close it with \`${delimiter.close}\`.`,
    });
    return true;
  }

  if (blankLine !== undefined) {
    env.diagnostics.push({
      file: env.article.sourcePath,
      line: env.article.bodyLine + blankLine,
      column: 1,
      severity: 'warning',
      code: 'math/blank-line-in-display',
      message: `A blank line inside display math: sugaku keeps the formula together up to its closing \`${delimiter.close}\`, as Zenn does, but LaTeX and most Markdown renderers end the formula here.`,
      hint: 'Remove the blank line, or write `%` on it to keep the space in the source.',
    });
  }

  const rest = state.src.slice(close + delimiter.close.length, state.eMarks[line]!);
  const number = EQUATION_NUMBER.exec(rest)?.[1];
  if (number) {
    token.info = number;
  } else {
    pushTrailingParagraph(state, line, rest);
  }
  return true;
}

/** Text after a display's closing delimiter, on its line: a paragraph of its own, not lost. */
export function pushTrailingParagraph(state: StateBlock, line: number, text: string): void {
  if (text.trim() === '') return;
  state.push('paragraph_open', 'p', 1).map = [line, line + 1];
  const inline = state.push('inline', '', 0);
  inline.content = text.trim();
  inline.map = [line, line + 1];
  inline.children = [];
  state.push('paragraph_close', 'p', -1);
}

/**
 * Whether a display that reaches a blank line closes after it: its closing delimiter
 * comes before a heading, a line outdented out of the list item, or a line of prose
 * ending in 。 (a sign that the delimiter ahead opens another display and this one was
 * never closed).
 */
function closedAfterBlank(
  state: StateBlock,
  from: number,
  endLine: number,
  delimiter: Delimiter,
): boolean {
  for (let line = from; line < endLine; line++) {
    if (state.isEmpty(line)) continue;
    if (state.sCount[line]! < state.blkIndent) return false;
    const start = state.bMarks[line]! + state.tShift[line]!;
    const end = state.eMarks[line]!;
    if (findClosing(state.src, start, end, delimiter.close) !== -1) return true;
    if (state.src[start] === '#' || /[。．]\s*$/.test(state.src.slice(start, end))) return false;
  }
  return false;
}

/** The closing delimiter in `src[from, to)`, not escaped: `\$$` is a dollar sign and `$`, `\\]` a row break and `]`. */
function findClosing(src: string, from: number, to: number, close: string): number {
  for (
    let at = src.indexOf(close, from);
    at !== -1 && at + close.length <= to;
    at = src.indexOf(close, at + 1)
  ) {
    if (!isEscapedAt(src, at)) return at;
  }
  return -1;
}

function isEscapedAt(src: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && src[i] === '\\'; i--) count++;
  return count % 2 === 1;
}
