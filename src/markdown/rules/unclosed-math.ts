import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { RenderEnv } from '../env.js';
import { formulaMeta } from '../env.js';
import { locateInInline } from '../locate.js';
import { findDollarClose, mayOpen } from './dollar-math.js';

/** What follows a `$` that opens a formula (`$x`, `$\alpha`, `${`), unlike a price (`$5`, `100$`). */
const OPENS_FORMULA = /^[A-Za-z\\{(]/;
/** Between `\[` and `\]` in prose: TeX, not a bracketed note such as `\[注1\]`. */
const LOOKS_LIKE_TEX = /[\\^_=]/;
/** A line that starts a list item or a quote, which ends the paragraph before it. */
const LIST_OR_QUOTE = /^\s*(?:>\s?)*\s*([-+*]|\d{1,9}[.)])(?=\s)|^\s*(>)/;

/**
 * Delimiters left over after the math rules ran are formulas the reader will see as
 * raw TeX: an unclosed `$` or `\(` (markdown-it shows `\(` as `(`), or `\[ … \]` in the
 * middle of a paragraph (display math must start a line). Runs before `text_join`,
 * while backslash escapes are still tokens of their own.
 */
export function unclosedMathPlugin(md: MarkdownIt): void {
  md.core.ruler.before('text_join', 'unclosed_math', (state: StateCore) => {
    const env = state.env as RenderEnv;
    let inCell = false;
    for (const block of state.tokens) {
      if (block.type === 'inline' && block.children)
        env.diagnostics.push(...unclosedIn(block, env, inCell));
      inCell = block.type === 'td_open' || block.type === 'th_open';
    }
  });
}

function unclosedIn(block: Token, env: RenderEnv, inCell: boolean): Diagnostic[] {
  const found: Diagnostic[] = [];
  const content = block.content;
  let cursor = 0;
  const children = block.children!;
  children.forEach((child, index) => {
    if (child.type.startsWith('math_inline')) {
      // Past the closing delimiter, which is as long as the opening one (`$`, `$$`, `\)`).
      const end = (formulaMeta(child).offset ?? cursor) + 2 * child.markup.length;
      cursor = Math.max(cursor, end + child.content.length);
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
      let closing = false;
      for (let i = child.content.indexOf('$'); i !== -1; i = child.content.indexOf('$', i + 1)) {
        let at = content.indexOf('$', cursor);
        while (at > 0 && content[at - 1] === '\\') at = content.indexOf('$', at + 1);
        if (at !== -1) cursor = at + 1;
        if (closing || at === -1 || !mayOpen(content, at)) {
          closing = false;
          continue;
        }
        const span = findDollarClose(content, at, content.length, '$');
        const tex = span ? content.slice(at + 1, span.close) : '';
        const spaced = span ? undefined : spacedFormula(content, at);
        if (span?.refused === 'digit') {
          if (LOOKS_LIKE_TEX.test(tex)) found.push(digitAfterDollar(env, block, at, tex));
          closing = true;
        } else if (spaced !== undefined) {
          found.push(spacedDollars(env, block, at, spaced));
          closing = true;
        } else if (inCell && content.slice(at + 1).trim() === '') {
          // `| $|x|$ |`: the cell ends right after the `$` that opened the formula.
          found.push(pipeInTable(env, block, at));
        } else if (OPENS_FORMULA.test(child.content.slice(i + 1))) {
          found.push(splitByMarkdown(env, block, at) ?? unclosed(env, block, at, '$', '$'));
        }
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

/** `$2^n$3`: refused as math by the guard for prices such as `$5-$10`. */
function digitAfterDollar(env: RenderEnv, block: Token, at: number, tex: string): Diagnostic {
  return {
    ...locateInInline(env, block, at),
    severity: 'warning',
    code: 'math/digit-after-dollar',
    message: `\`$${tex}$\` is not read as math: it starts with a digit and a digit follows its closing \`$\`, which is how prices such as \`$5-$10\` look. The reader sees raw TeX.`,
    hint: `Write it as \`\\(${tex}\\)\`, or put a space after the closing \`$\`.`,
  };
}

/** `| $|x|$ |`: the table splits the formula at its `|`. */
function pipeInTable(env: RenderEnv, block: Token, at: number): Diagnostic {
  return {
    ...locateInInline(env, block, at),
    severity: 'warning',
    code: 'math/pipe-in-table',
    message:
      '`$` opens math in this table cell but the cell ends before the formula closes: in a Markdown table, a `|` ends the cell even inside `$…$`.',
    hint: 'Write `\\vert` (or `\\lvert … \\rvert`) for `|` and `\\Vert` for `\\|` inside math in a table.',
  };
}

/**
 * `$a` ⏎ `+ b$`: the next line starts a list item (or `- `, `1. `, a `>` quote), which ends
 * the paragraph and cuts the formula in two.
 */
function splitByMarkdown(env: RenderEnv, block: Token, at: number): Diagnostic | undefined {
  if (!block.map) return undefined;
  const next = env.sourceLines[env.article.bodyLine + block.map[1] - 1] ?? '';
  const marker = LIST_OR_QUOTE.exec(next);
  if (!marker || !next.includes('$')) return undefined;
  const start = marker[1] ?? marker[2]!;
  return {
    ...locateInInline(env, block, at),
    severity: 'warning',
    code: 'math/split-by-markdown',
    message: `This formula continues on the next line, but that line starts with \`${start} \`, which Markdown reads as ${start === '>' ? 'a quote' : 'a list item'}: the formula is cut in two and the reader sees raw TeX.`,
    hint: `Keep \`${start}\` off the start of the line: move it to the end of the line before, or put the formula on one line.`,
  };
}

/**
 * `$ x_0 $`: the TeX between two `$` with a space inside either of them, which Markdown
 * math (texmath, Pandoc, Zenn) does not take for math; undefined for prose such as
 * `$ 5 and $ 10`.
 */
function spacedFormula(content: string, at: number): string | undefined {
  let close = content.indexOf('$', at + 1);
  while (close !== -1 && content[close - 1] === '\\') close = content.indexOf('$', close + 1);
  if (close === -1) return undefined;
  const tex = content.slice(at + 1, close);
  if (!/^\s|\s$/.test(tex) || tex.trim() === '' || tex.includes('\n\n')) return undefined;
  return LOOKS_LIKE_TEX.test(tex) || /^\s*[A-Za-z]\s*$/.test(tex) ? tex : undefined;
}

function spacedDollars(env: RenderEnv, block: Token, at: number, tex: string): Diagnostic {
  return {
    ...locateInInline(env, block, at),
    severity: 'warning',
    code: 'math/spaced-dollar',
    message: `\`$${tex}$\` is not read as math: a formula must touch its \`$\` signs (a \`$\` followed by a space is a dollar sign, as in \`$ 5\`). The reader sees raw TeX.`,
    hint: `Write \`$${tex.trim()}$\`.`,
  };
}
