import type { StateBlock } from 'markdown-it';
import type { RenderEnv } from '../env.js';
import { formulaMeta } from '../env.js';
import { columnOfBodyOffset } from '../locate.js';
import { pushTrailingParagraph } from './display-math.js';

/** The display environments MathJax and KaTeX's auto-render take as math on their own, without `$$`. */
const OPENING =
  /^\\begin\s*\{(equation\*?|align\*?|gather\*?|multline\*?|alignat\*?|flalign\*?|CD)\}/;

/**
 * `\begin{align}` … `\end{align}` on lines of its own, outside `$$`: display math, as
 * MathJax and KaTeX's auto-render read it (Qiita and Zenn authors write it so).
 * Otherwise Markdown takes it for a paragraph and eats every `\\` row break.
 *
 * The formula is the environment itself, from `\begin` to its `\end` (nested ones of
 * the same name counted, `%` comments skipped). Like `$$`, it may interrupt a
 * paragraph, a blank line ends it (unclosed there, it is an error box with a located
 * diagnostic), and text after `\end{…}` on its line is a paragraph of its own.
 */
export function displayEnvironmentRule(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const opening = state.bMarks[startLine]! + state.tShift[startLine]!;
  const name = OPENING.exec(state.src.slice(opening, state.eMarks[startLine]!))?.[1];
  if (!name) return false;
  if (silent) return true;

  const env = state.env as RenderEnv;
  const lines: string[] = [];
  const lineColumns: number[] = [];
  let line = startLine;
  let from = opening;
  let depth = 0;
  let close: number;
  for (;;) {
    const end = state.eMarks[line]!;
    ({ depth, close } = scanLine(state.src, from, end, name, depth));
    lines.push(state.src.slice(from, close === -1 ? end : close));
    if (close !== -1) break;
    if (line + 1 >= endLine || state.isEmpty(line + 1)) break;
    line++;
    from = state.bMarks[line]! + state.tShift[line]!;
    lineColumns.push(columnOfBodyOffset(state.src, from));
  }

  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = lines.join('\n');
  token.map = [startLine, line + 1];
  const meta = formulaMeta(token);
  meta.location = {
    file: env.article.sourcePath,
    line: env.article.bodyLine + startLine,
    column: columnOfBodyOffset(state.src, opening),
  };
  meta.lineColumns = lineColumns;
  state.line = line + 1;

  if (close === -1) {
    meta.unclosed = true;
    env.diagnostics.push({
      ...meta.location,
      severity: 'error',
      code: 'math/unclosed-display',
      message: `\`\\begin{${name}}\` is not closed with \`\\end{${name}}\` before ${line + 1 >= endLine ? 'the end of the article' : 'the blank line after it'}.`,
      hint: `Close it with \`\\end{${name}}\`. A blank line inside display math is not allowed, as in LaTeX.`,
    });
    return true;
  }

  pushTrailingParagraph(state, line, state.src.slice(close, state.eMarks[line]!));
  return true;
}

/**
 * Follow `\begin{name}` / `\end{name}` through `src[from, to)`, one line, up to a `%`
 * comment. `close` is the offset just after the `\end{name}` that closes the outermost
 * one, or -1.
 */
function scanLine(
  src: string,
  from: number,
  to: number,
  name: string,
  depth: number,
): { depth: number; close: number } {
  const pattern = /\\(begin|end)\s*\{([^{}]*)\}|\\.|%/gs;
  pattern.lastIndex = from;
  for (let match = pattern.exec(src); match && match.index < to; match = pattern.exec(src)) {
    if (match[0] === '%') break;
    if (match[2]?.trim() !== name) continue;
    depth += match[1] === 'begin' ? 1 : -1;
    if (depth === 0) return { depth, close: match.index + match[0].length };
  }
  return { depth, close: -1 };
}
