import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { RenderEnv } from '../env.js';
import { formulaMeta } from '../env.js';
import { locateInInline } from '../locate.js';

/** What follows a `$` that opens a formula (`$x`, `$\alpha`, `${`), unlike a price (`$5`, `100$`). */
const OPENS_FORMULA = /^[A-Za-z\\{(]/;
/** Between `\[` and `\]` in prose: TeX, not a bracketed note such as `\[注1\]`. */
const LOOKS_LIKE_TEX = /[\\^_=]/;

/**
 * Delimiters left over after the math rules ran are formulas the reader will see as
 * raw TeX: an unclosed `$` or `\(` (markdown-it shows `\(` as `(`), or `\[ … \]` in the
 * middle of a paragraph (display math must start a line). Runs before `text_join`,
 * while backslash escapes are still tokens of their own.
 */
export function unclosedMathPlugin(md: MarkdownIt): void {
  md.core.ruler.before('text_join', 'unclosed_math', (state: StateCore) => {
    const env = state.env as RenderEnv;
    for (const block of state.tokens) {
      if (block.type === 'inline' && block.children)
        env.diagnostics.push(...unclosedIn(block, env));
    }
  });
}

function unclosedIn(block: Token, env: RenderEnv): Diagnostic[] {
  const found: Diagnostic[] = [];
  const content = block.content;
  let cursor = 0;
  const children = block.children!;
  children.forEach((child, index) => {
    if (child.type.startsWith('math_inline')) {
      cursor = Math.max(cursor, (formulaMeta(child).offset ?? cursor) + child.markup.length);
    } else if (child.type === 'text_special' && child.markup === '\\(') {
      const at = content.indexOf('\\(', cursor);
      cursor = at === -1 ? cursor : at + 2;
      found.push(unclosed(env, block, at, '\\(', '\\)'));
    } else if (child.type === 'text_special' && child.markup === '\\[') {
      const at = content.indexOf('\\[', cursor);
      cursor = at === -1 ? cursor : at + 2;
      const end = content.indexOf('\\]', cursor);
      const closes = children.slice(index + 1).some((later) => later.markup === '\\]');
      if (at !== -1 && closes && end !== -1 && LOOKS_LIKE_TEX.test(content.slice(at + 2, end))) {
        found.push({
          ...locateInInline(env, block, at),
          severity: 'warning',
          code: 'math/display-inside-paragraph',
          message:
            'Display math `\\[ … \\]` inside a paragraph is shown as plain text with brackets.',
          hint: 'Put `\\[` at the start of its own line, or write inline math as `\\( … \\)`.',
        });
      }
    } else if (child.type === 'text_special') {
      const at = content.indexOf(child.markup, cursor);
      if (at !== -1) cursor = at + child.markup.length;
    } else if (child.type === 'text') {
      for (let i = child.content.indexOf('$'); i !== -1; i = child.content.indexOf('$', i + 1)) {
        if (!OPENS_FORMULA.test(child.content.slice(i + 1))) continue;
        let at = content.indexOf('$', cursor);
        while (at > 0 && content[at - 1] === '\\') at = content.indexOf('$', at + 1);
        if (at !== -1) cursor = at + 1;
        found.push(unclosed(env, block, at, '$', '$'));
      }
    }
  });
  return found;
}

function unclosed(
  env: RenderEnv,
  block: Token,
  at: number,
  open: string,
  close: string,
): Diagnostic {
  return {
    ...locateInInline(env, block, Math.max(0, at)),
    severity: 'warning',
    code: 'math/unclosed-inline',
    message: `\`${open}\` starts inline math that is not closed with \`${close}\` in this paragraph; the reader sees raw TeX.`,
    hint:
      open === '$'
        ? 'Close the formula with `$`, or write `\\$` for a dollar sign.'
        : 'Close the formula with `\\)` before the paragraph ends (a blank line ends it).',
  };
}
