import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { RenderEnv } from '../env.js';
import { formulaMeta } from '../env.js';

/**
 * ```` ```math ```` fences (GitHub, GitLab, Qiita) as display math: the fence becomes the
 * same `math_block` token as `$$ … $$`, so numbering, `\tag`, `\label`, references and
 * KaTeX's diagnostics (at the author's file:line:column) work the same for both.
 *
 * A core rule after block parsing rather than a block rule of its own: markdown-it's
 * fence rule already knows where a fence ends inside lists, quotes and containers.
 */
export function mathFencePlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'math_fence', (state: StateCore) => {
    const env = state.env as RenderEnv;
    for (const token of state.tokens) {
      if (token.type === 'fence' && isMathFence(token.info)) toDisplayMath(token, env);
    }
  });
}

function isMathFence(info: string): boolean {
  return info.trim().split(/\s+/)[0]?.toLowerCase() === 'math';
}

function toDisplayMath(token: Token, env: RenderEnv): void {
  const fence = token.markup;
  const [start, end] = token.map ?? [0, 1];
  const tex = token.content.replace(/\n$/, '');
  const firstLine = env.article.bodyLine + start + 1;
  const columns = tex.split('\n').map((line, index) => columnOf(env, firstLine + index, line));

  token.type = 'math_block';
  token.tag = 'math';
  token.info = '';
  token.markup = fence;
  token.content = tex;
  const meta = formulaMeta(token);
  meta.location = { file: env.article.sourcePath, line: firstLine, column: columns[0] ?? 1 };
  meta.lineColumns = columns.slice(1);

  if (!closes(env.sourceLines[env.article.bodyLine + end - 2] ?? '', fence) || end - start < 2) {
    // markdown-it ends an unclosed fence with the article (or its list or quote): the
    // rest would be one formula, and KaTeX's error would not say why.
    meta.unclosed = true;
    token.markup = `${fence}math\n`;
    env.diagnostics.push({
      file: env.article.sourcePath,
      line: env.article.bodyLine + start,
      column: 1,
      severity: 'error',
      code: 'math/unclosed-display',
      message: `The \`${fence}math\` block is not closed with \`${fence}\`.`,
      hint: `Close it with a line of \`${fence}\` after the formula.`,
    });
  }
}

/**
 * Column (1-based) of a line of the fence's content in the source file. markdown-it took
 * the indentation and any `>` of a quote off the front, so the line is a suffix of its source line.
 */
function columnOf(env: RenderEnv, line: number, content: string): number {
  const source = (env.sourceLines[line - 1] ?? '').replace(/\r$/, '');
  if (content !== '' && source.endsWith(content)) return source.length - content.length + 1;
  return 1;
}

/** Whether a source line is the closing fence of a fence opened with `fence` (quote markers and indentation allowed). */
function closes(sourceLine: string, fence: string): boolean {
  const match = /^[\s>]*(`{3,}|~{3,})\s*$/.exec(sourceLine);
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
}
