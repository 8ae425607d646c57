import type { MarkdownIt, Token } from 'markdown-it';
import type { SourceLocation } from '../math/index.js';
import type { RenderEnv } from './env.js';

/**
 * The source position of an offset in an inline token's content (a paragraph, heading
 * or table cell). markdown-it strips indentation and `>` markers from that content, so
 * each of its lines is found again on its source line.
 */
export function locateInInline(env: RenderEnv, inline: Token, offset: number): SourceLocation {
  const index = inlineLineIndex(inline, offset);
  const lineStart = linesOf(inline).starts[index]!;
  return {
    file: env.article.sourcePath,
    line: env.article.bodyLine + (inline.map?.[0] ?? 0) + index,
    column: inlineLineColumn(env, inline, index) + offset - lineStart,
  };
}

/** Column (1-based) at which line `index` of an inline token's content starts in the source file. */
export function inlineLineColumn(env: RenderEnv, inline: Token, index: number): number {
  const lines = linesOf(inline);
  const known = lines.columns.get(index);
  if (known !== undefined) return known;
  const start = lines.starts[index];
  const text =
    start === undefined
      ? ''
      : inline.content.slice(start, (lines.starts[index + 1] ?? inline.content.length + 1) - 1);
  const source = env.sourceLines[env.article.bodyLine + (inline.map?.[0] ?? 0) + index - 1] ?? '';
  const found = text === '' ? -1 : source.indexOf(text);
  const column = found === -1 ? 1 : found + 1;
  lines.columns.set(index, column);
  return column;
}

/** Which line (0-based) of an inline token's content `offset` is on. */
export function inlineLineIndex(inline: Token, offset: number): number {
  const { starts } = linesOf(inline);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Where each line of an inline token's content starts, and the source columns found so
 * far. Worked out once per token: a paragraph of one 1 MB line holds tens of thousands of
 * formulas, and splitting and searching the whole line again for each was quadratic.
 */
interface InlineLines {
  starts: number[];
  columns: Map<number, number>;
}
const inlineLines = new WeakMap<Token, InlineLines>();

function linesOf(inline: Token): InlineLines {
  let lines = inlineLines.get(inline);
  if (!lines) {
    const { content } = inline;
    const starts = [0];
    for (let at = content.indexOf('\n'); at !== -1; at = content.indexOf('\n', at + 1)) {
      starts.push(at + 1);
    }
    lines = { starts, columns: new Map() };
    inlineLines.set(inline, lines);
  }
  return lines;
}

/** Column (1-based) of a body offset on its own line: body lines are whole source lines. */
export function columnOfBodyOffset(body: string, offset: number): number {
  return offset - (body.lastIndexOf('\n', offset - 1) + 1) + 1;
}

/**
 * Table cells' inline tokens carry no line map (markdown-it maps only the row); give
 * each inline token without one its row's, so what is in a cell can be located.
 */
export function inlineMapsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'inline_maps', (state) => {
    let row: [number, number] | null = null;
    for (const token of state.tokens) {
      if (token.type === 'tr_open') row = token.map;
      else if (token.type === 'inline' && !token.map && row) token.map = row;
    }
  });
}
