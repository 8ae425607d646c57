import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import texmath from 'markdown-it-texmath';
import type { SourceLocation } from '../../math/index.js';
import type { RenderEnv } from '../env.js';

export const INLINE_MATH = ['math_inline', 'math_inline_double'] as const;
export const BLOCK_MATH = ['math_block', 'math_block_eqno'] as const;

/** Where an inline formula started in its inline token's content; filled at parse time. */
type MathMeta = {
  offset?: number;
  location?: SourceLocation;
  html?: string;
};

/**
 * texmath's delimiter rules (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) registered by us, with our
 * own renderers. We skip `md.use(texmath)` because it renders through a module-level
 * engine without `env`, so formulas could not be located or rendered per article.
 */
export function mathPlugin(md: MarkdownIt): void {
  const delimiters = texmath.mergeDelimiters(['dollars', 'brackets']);
  for (const rule of delimiters.inline) {
    md.inline.ruler.before('escape', rule.name, recordOffset(texmath.inline(rule)));
  }
  for (const rule of delimiters.block) {
    md.block.ruler.before('fence', rule.name, texmath.block(rule));
  }
  md.renderer.rules.math_inline = (tokens, idx, _options, env) =>
    renderFormula(tokens[idx]!, false, env as RenderEnv);
  md.renderer.rules.math_inline_double = (tokens, idx, _options, env) =>
    renderFormula(tokens[idx]!, true, env as RenderEnv);
  md.renderer.rules.math_block = (tokens, idx, _options, env) =>
    renderDisplay(tokens[idx]!, env as RenderEnv);
  md.renderer.rules.math_block_eqno = md.renderer.rules.math_block;
}

function recordOffset(rule: (state: StateInline, silent: boolean) => boolean) {
  return (state: StateInline, silent: boolean): boolean => {
    const start = state.pos;
    const matched = rule(state, silent);
    if (matched && !silent) {
      const token = state.tokens[state.tokens.length - 1]!;
      token.meta = { offset: start } satisfies MathMeta;
    }
    return matched;
  };
}

/**
 * Give every formula token its place in the source file. Block tokens know their
 * line; inline ones know their offset in the paragraph, which we turn into a line and
 * then find on that source line, since markdown-it strips indentation and `>` markers.
 */
export function locateFormulas(tokens: Token[], env: RenderEnv): void {
  for (const token of tokens) {
    if (isBlockMath(token) && token.map) {
      const line = token.map[0];
      const delimiter = token.tag || '$$';
      token.meta = { location: findOnLine(env, line, delimiter, token.content) } satisfies MathMeta;
    } else if (token.type === 'inline' && token.children) {
      const firstLine = token.map?.[0] ?? 0;
      for (const child of token.children) {
        if (!isInlineMath(child)) continue;
        const meta = (child.meta ?? {}) as MathMeta;
        const before = token.content.slice(0, meta.offset ?? 0);
        const line = firstLine + (before.match(/\n/g)?.length ?? 0);
        meta.location = findOnLine(env, line, child.markup, child.content);
        child.meta = meta;
      }
    }
  }
}

function findOnLine(env: RenderEnv, bodyLine: number, delimiter: string, tex: string): SourceLocation {
  const line = env.article.bodyLine + bodyLine;
  const text = env.sourceLines[line - 1] ?? '';
  const head = tex.split('\n')[0] ?? '';
  let index = text.indexOf(delimiter + head);
  if (index === -1) index = text.indexOf(delimiter);
  const column = index === -1 ? 1 : index + delimiter.length + 1;
  return { file: env.article.sourcePath, line, column };
}

function isInlineMath(token: Token): boolean {
  return (INLINE_MATH as readonly string[]).includes(token.type);
}

function isBlockMath(token: Token): boolean {
  return (BLOCK_MATH as readonly string[]).includes(token.type);
}

function renderFormula(token: Token, displayMode: boolean, env: RenderEnv): string {
  const meta = (token.meta ?? {}) as MathMeta;
  // Tables of contents render headings a second time: reuse, don't re-report.
  if (meta.html !== undefined) return meta.html;
  const location = meta.location ?? { file: env.article.sourcePath, line: env.article.bodyLine, column: 1 };
  const result = env.math.render({ tex: token.content, displayMode, macros: env.macros, location });
  env.diagnostics.push(...result.diagnostics);
  env.formulaCount++;
  meta.html = result.html;
  token.meta = meta;
  return result.html;
}

const TAG = /\\tag\*?\{([^{}]*)\}/;

function renderDisplay(token: Token, env: RenderEnv): string {
  // texmath's `$$ … $$ (2.4)` form: the number after the block becomes a \tag.
  if (token.type === 'math_block_eqno' && token.info && !TAG.test(token.content)) {
    token.content = `${token.content}\\tag{${token.info}}`;
  }
  const html = renderFormula(token, true, env);
  const number = TAG.exec(token.content)?.[1]?.trim();
  let id = '';
  if (number) {
    const anchor = `eq-${number.replace(/\s+/g, '-')}`;
    // A restated tag keeps the first equation's anchor, so ids stay unique.
    if (!env.equations.some((equation) => equation.anchor === anchor)) {
      env.equations.push({ number, anchor });
      id = ` id="${escapeAttribute(anchor)}"`;
    }
  }
  return `<div class="math-display"${id}>${html}</div>\n`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
