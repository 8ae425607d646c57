import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { escapeHtml } from '../../util/index.js';
import type { ReferenceMeta, RenderEnv } from '../env.js';
import { formulaMeta } from '../env.js';
import { locateInInline } from '../locate.js';

/** An equation number as authors write them: `2.4`, `1.13`, `A.1`, `3-2`, `12`. */
const NUMBER = '[0-9A-Za-z]+(?:[.\\-][0-9A-Za-z]+)*';

/**
 * In a text token: `式 (2.4)`, `式(2.4)`, `公式（2.6）` (the number in half- or
 * full-width parentheses after 式), or `\eqref{name}` / `\ref{name}` written in prose.
 */
const IN_TEXT = new RegExp(`式[ \\u3000]*([(（](${NUMBER})[)）])|\\\\(eqref|ref)\\{([^{}\\s]+)\\}`);
/** Text ending in 式 before a formula that is only a number: `式 \((2.4)\)`, `公式 $(2.6)$`. */
const BEFORE_FORMULA = /式[ \u3000]*$/;
const NUMBER_FORMULA = new RegExp(`^\\s*[(（]\\s*(${NUMBER})\\s*[)）]\\s*$`);

/**
 * Mark every equation reference in prose with `eqref_open` / `eqref_close` around the
 * stretch that becomes the link: `(2.4)` of `式 (2.4)`, or `\eqref{name}`. Nothing is
 * resolved here; numbers are known only after the whole article is parsed
 * (`numberEquations`), other articles only after the site is built.
 */
export function equationRefsPlugin(md: MarkdownIt): void {
  md.core.ruler.push('equation_refs', markReferences);
  md.renderer.rules.eqref_open = (tokens, idx, _options, env) =>
    openTag(tokens[idx]!, env as RenderEnv);
  md.renderer.rules.eqref_close = (tokens, idx, _options, env) =>
    closeTag(tokens[idx]!, env as RenderEnv);
}

function markReferences(state: StateCore): void {
  const env = state.env as RenderEnv;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const children: Token[] = [];
    let cursor = 0;
    let linkDepth = 0;
    const source = block.children;
    for (let i = 0; i < source.length; i++) {
      const child = source[i]!;
      if (child.type === 'link_open') linkDepth++;
      if (child.type === 'link_close') linkDepth--;
      if (child.type.startsWith('math_inline'))
        cursor = Math.max(cursor, formulaMeta(child).offset ?? 0);
      if (child.type !== 'text' || linkDepth > 0) {
        children.push(child);
        continue;
      }

      let rest = child.content;
      for (let match = IN_TEXT.exec(rest); match; match = IN_TEXT.exec(rest)) {
        const [whole, parenthesised, number, command, label] = match;
        const linked = parenthesised ?? whole;
        const linkStart = match.index + whole.length - linked.length;
        const found = block.content.indexOf(whole, cursor);
        if (found !== -1) cursor = found + whole.length;
        const location = locateInInline(
          env,
          block,
          found === -1 ? cursor : found + whole.length - linked.length,
        );
        const target: ReferenceMeta['target'] = command
          ? { kind: 'label', label: label!, style: command === 'eqref' ? 'eqref' : 'ref' }
          : { kind: 'number', number: number! };
        if (linkStart > 0) children.push(text(state, rest.slice(0, linkStart)));
        children.push(...wrapped(state, [text(state, linked)], { target, location }));
        rest = rest.slice(match.index + whole.length);
      }

      const next = source[i + 1];
      const numberInFormula =
        next?.type === 'math_inline' ? NUMBER_FORMULA.exec(next.content)?.[1] : undefined;
      if (next && numberInFormula && BEFORE_FORMULA.test(rest)) {
        if (rest) children.push(text(state, rest));
        const location =
          formulaMeta(next).location ??
          locateInInline(env, block, formulaMeta(next).offset ?? cursor);
        children.push(
          ...wrapped(state, [next], {
            target: { kind: 'number', number: numberInFormula },
            location,
          }),
        );
        i++;
        continue;
      }
      if (rest) children.push(rest === child.content ? child : text(state, rest));
    }
    block.children = children;
  }
}

function text(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

function wrapped(state: StateCore, inner: Token[], meta: ReferenceMeta): Token[] {
  const open = new state.Token('eqref_open', 'a', 1);
  const close = new state.Token('eqref_close', 'a', -1);
  open.meta = meta as unknown as Record<string, unknown>;
  close.meta = open.meta;
  return [open, ...inner, close];
}

function openTag(token: Token, env: RenderEnv): string {
  const meta = token.meta as unknown as ReferenceMeta;
  if (env.plainReferences) return '';
  if (meta.href !== undefined) return equationLinkOpen(meta.href, meta.number);
  if (meta.pending !== undefined) return `<!--eqref:${meta.pending}-->`;
  return '';
}

function closeTag(token: Token, env: RenderEnv): string {
  const meta = token.meta as unknown as ReferenceMeta;
  if (env.plainReferences) return '';
  if (meta.href !== undefined) return '</a>';
  if (meta.pending !== undefined) return `<!--/eqref:${meta.pending}-->`;
  return '';
}

/**
 * A link to an equation shows its number, `(2.4)`, which a screen reader listing
 * the page's links would read as bare punctuation and digits (and says nothing for
 * `式 $(2.4)$`, whose formula it reads from MathML): its name is 「式 (2.4)」.
 */
export function equationLinkOpen(href: string, number: string | undefined): string {
  const name = number === undefined ? '' : ` aria-label="${escapeHtml(`式 (${number})`)}"`;
  return `<a class="eqref" href="${escapeHtml(href)}"${name}>`;
}
