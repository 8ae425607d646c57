import type { MarkdownIt, Token } from 'markdown-it';
import type { SourceLocation } from '../math/index.js';
import type { RenderEnv } from './env.js';

/**
 * The source position of an offset in an inline token's content (a paragraph, heading
 * or table cell). markdown-it strips indentation and `>` markers from that content, so
 * each of its lines is found again on its source line.
 */
export function locateInInline(env: RenderEnv, inline: Token, offset: number): SourceLocation {
  const before = inline.content.slice(0, offset);
  const index = before.split('\n').length - 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    file: env.article.sourcePath,
    line: env.article.bodyLine + (inline.map?.[0] ?? 0) + index,
    column: inlineLineColumn(env, inline, index) + offset - lineStart,
  };
}

/** Column (1-based) at which line `index` of an inline token's content starts in the source file. */
export function inlineLineColumn(env: RenderEnv, inline: Token, index: number): number {
  const text = inline.content.split('\n')[index] ?? '';
  const source = env.sourceLines[env.article.bodyLine + (inline.map?.[0] ?? 0) + index - 1] ?? '';
  const found = text === '' ? -1 : source.indexOf(text);
  return found === -1 ? 1 : found + 1;
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
