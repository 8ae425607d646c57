import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import { markdownEscapeWarning, positionInFormula } from '../../math/index.js';
import { escapeHtml } from '../../util/index.js';
import type { RenderEnv } from '../env.js';
import { formulaMeta } from '../env.js';
import { inlineLineColumn, inlineLineIndex, inlineMapsPlugin, locateInInline } from '../locate.js';
import { displayEnvironmentRule } from './display-environment.js';
import { displayMathRule } from './display-math.js';
import { dollarMath } from './dollar-math.js';

export const INLINE_MATH = ['math_inline', 'math_inline_double'] as const;
export const BLOCK_MATH = ['math_block'] as const;

/**
 * Math delimiters with our own rules and renderers, in place of markdown-it-texmath's,
 * which fail silently in ways authors hit (see `dollarMath`, `inlineParenMath` and
 * `displayMathRule`); `\begin{align}` … `\end{align}` outside `$$` is display math too
 * (`displayEnvironmentRule`). texmath also renders through a module-level engine without
 * `env`, so formulas could not be located or rendered per article.
 */
export function mathPlugin(md: MarkdownIt): void {
  md.use(inlineMapsPlugin);
  md.inline.ruler.before('escape', 'math_inline_paren', recordOffset(inlineParenMath));
  md.inline.ruler.before('escape', 'math_dollar', recordOffset(dollarMath));
  md.block.ruler.before('fence', 'math_block', displayMathRule, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });
  md.block.ruler.before('fence', 'math_environment', displayEnvironmentRule, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });
  md.renderer.rules.math_inline = (tokens, idx, _options, env) =>
    wrapPending(
      tokens[idx]!,
      renderFormula(tokens[idx]!, false, env as RenderEnv),
      env as RenderEnv,
    );
  md.renderer.rules.math_inline_double = (tokens, idx, _options, env) =>
    wrapPending(
      tokens[idx]!,
      renderFormula(tokens[idx]!, true, env as RenderEnv),
      env as RenderEnv,
    );
  md.renderer.rules.math_block = (tokens, idx, _options, env) =>
    renderDisplay(tokens[idx]!, env as RenderEnv);
}

/**
 * `\(…\)`, also across a line break (texmath's rule required both on one line, so
 * a formula in hard-wrapped Japanese came out as plain text). `\\)` is a row break
 * and `)`, not the end.
 */
export function inlineParenMath(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (!state.src.startsWith('\\(', start)) return false;
  let close = state.src.indexOf('\\)', start + 2);
  while (close !== -1 && isEscaped(state.src, close)) close = state.src.indexOf('\\)', close + 1);
  if (close === -1 || close + 2 > state.posMax) return false;
  const content = state.src.slice(start + 2, close);
  if (content.trim() === '') return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = content;
    token.markup = '\\(';
  }
  state.pos = close + 2;
  return true;
}

function isEscaped(src: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && src[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/** Remember where an inline formula started in its paragraph, to locate it later. */
function recordOffset(rule: (state: StateInline, silent: boolean) => boolean) {
  return (state: StateInline, silent: boolean): boolean => {
    const start = state.pos;
    const matched = rule(state, silent);
    if (matched && !silent) formulaMeta(state.tokens[state.tokens.length - 1]!).offset = start;
    return matched;
  };
}

/**
 * Give every inline formula its place in the source file. Display math is placed by
 * its block rule; an inline one knows its offset in the paragraph, which we find
 * again on its source line, since markdown-it strips indentation and `>` markers.
 */
export function locateFormulas(tokens: Token[], env: RenderEnv): void {
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    for (const child of token.children) {
      if (!isInlineMath(child)) continue;
      const meta = formulaMeta(child);
      const offset = meta.offset ?? 0;
      meta.location = locateInInline(env, token, offset + child.markup.length);
      const firstLine = inlineLineIndex(token, offset);
      meta.lineColumns = child.content
        .split('\n')
        .slice(1)
        .map((_line, index) => inlineLineColumn(env, token, firstLine + index + 1));
    }
  }
}

export function isInlineMath(token: Token): boolean {
  return (INLINE_MATH as readonly string[]).includes(token.type);
}

function renderFormula(token: Token, displayMode: boolean, env: RenderEnv): string {
  const meta = formulaMeta(token);
  // Tables of contents render headings a second time: reuse, don't re-report.
  if (meta.html !== undefined) return meta.html;
  const location = meta.location ?? {
    file: env.article.sourcePath,
    line: env.article.bodyLine,
    column: 1,
  };
  const inline = isInlineMath(token);
  const result = env.math.render({
    tex: token.content,
    displayMode,
    macros: env.macros,
    location,
    lineColumns: meta.lineColumns,
    references: meta.references,
    numbering: meta.numbering,
    ...(inline && env.markdownEscapes ? { markdownEscapes: true } : {}),
  });
  env.diagnostics.push(...result.diagnostics);
  if (inline && !env.markdownEscapes) {
    const escape = markdownEscapeWarning(token.content);
    if (escape) {
      const { offset, ...problem } = escape;
      const place = { tex: token.content, location, lineColumns: meta.lineColumns };
      env.diagnostics.push({ ...positionInFormula(place, offset), ...problem });
    }
  }
  env.formulaCount++;
  meta.html = result.html;
  return result.html;
}

/** A formula waiting for links from other articles is marked, so the site-wide step can replace it. */
function wrapPending(token: Token, html: string, env: RenderEnv): string {
  const pending = formulaMeta(token).pending;
  if (pending === undefined || env.plainReferences) return html;
  return `<!--eqref:${pending}-->${html}<!--/eqref:${pending}-->`;
}

function renderDisplay(token: Token, env: RenderEnv): string {
  const meta = formulaMeta(token);
  if (meta.unclosed) {
    // Not rendered: the page shows the source in an error box, the diagnostic is already out.
    return `<div class="math-display">${errorBoxFor(token)}</div>\n`;
  }
  const html = wrapPending(token, renderFormula(token, true, env), env);
  const id = meta.anchor ? ` id="${escapeHtml(meta.anchor)}"` : '';
  return `<div class="math-display"${id}>${html}</div>\n`;
}

function errorBoxFor(token: Token): string {
  const source = `${token.markup}${token.content}`;
  return (
    `<div class="math-error" role="img" aria-label="数式エラー: 閉じていない数式">` +
    `<code>${escapeHtml(source)}</code></div>`
  );
}
