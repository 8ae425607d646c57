import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { SourceLocation } from '../../math/index.js';
import { escapeHtml } from '../../util/index.js';
import { fragmentFor } from '../equations.js';
import type { RenderEnv } from '../env.js';
import { locateInInline } from '../locate.js';
import { LABEL_PREFIXES, nameOfLabel } from './theorems.js';

/**
 * `@thm-amgm`, as Quarto writes a cross-reference: an `@` not after a letter or digit
 * (so not an e-mail address), a known prefix, then the rest of the label.
 */
const REFERENCE = new RegExp(
  `(?<![A-Za-z0-9_.@])@((?:${LABEL_PREFIXES.join('|')})-[A-Za-z0-9_]+(?:[-_][A-Za-z0-9_]+)*)`,
  'g',
);

/** What a `thmref_open` token carries: the label, where it was written, and how it ended up. */
type TheoremRefMeta = {
  label: string;
  location: SourceLocation;
  href?: string;
  pending?: number;
  /** What the excerpt shows for a reference resolved only later, in another part: `定理`. */
  excerptText?: string;
};

/**
 * `@thm-amgm` in prose becomes 「定理 2」 linked to the block. A label of this article is
 * resolved here (the blocks are numbered before the prose is parsed); one that is not is
 * left for the other parts of the series, marked like an equation reference
 * (`<!--eqref:N-->`, see `applyEquationLinks`), and outside a series reported.
 */
export function theoremRefsPlugin(md: MarkdownIt): void {
  md.core.ruler.push('theorem_refs', markReferences);
  md.renderer.rules.thmref_open = (tokens, index, _options, env) => {
    const meta = tokens[index]!.meta as unknown as TheoremRefMeta;
    if ((env as RenderEnv).plainReferences) return '';
    if (meta.href !== undefined) return `<a class="thmref" href="${escapeHtml(meta.href)}">`;
    return meta.pending === undefined ? '' : `<!--eqref:${meta.pending}-->`;
  };
  md.renderer.rules.thmref_close = (tokens, index, _options, env) => {
    const meta = tokens[index]!.meta as unknown as TheoremRefMeta;
    if ((env as RenderEnv).plainReferences) return '';
    if (meta.href !== undefined) return '</a>';
    return meta.pending === undefined ? '' : `<!--/eqref:${meta.pending}-->`;
  };
}

function markReferences(state: StateCore): void {
  const env = state.env as RenderEnv;
  const byLabel = new Map(
    (env.theorems ?? []).flatMap((theorem) =>
      theorem.label === undefined ? [] : [[theorem.label, theorem] as const],
    ),
  );
  const inSeries = (env.article.series ?? '').trim() !== '';
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children?.some(hasReference)) continue;
    const children: Token[] = [];
    let linkDepth = 0;
    let cursor = 0;
    for (const child of block.children) {
      if (child.type === 'link_open') linkDepth++;
      if (child.type === 'link_close') linkDepth--;
      if (child.type !== 'text' || linkDepth > 0 || !hasReference(child)) {
        children.push(child);
        continue;
      }
      let from = 0;
      for (const match of child.content.matchAll(REFERENCE)) {
        const [written, label] = match as unknown as [string, string];
        const found = block.content.indexOf(written, cursor);
        if (found !== -1) cursor = found + written.length;
        const location = locateInInline(env, block, found === -1 ? cursor : found);
        if (match.index > from) children.push(text(state, child.content.slice(from, match.index)));
        from = match.index + written.length;
        const meta: TheoremRefMeta = { label, location };
        const theorem = byLabel.get(label);
        if (theorem) meta.href = fragmentFor(label);
        else if (inSeries) {
          meta.pending = env.pendingReferences.length;
          env.pendingReferences.push({ id: meta.pending, kind: 'theorem', label, location });
          meta.excerptText = nameOfLabel(label);
        } else env.diagnostics.push(unresolvedTheorem(location, label, false));
        const open = new state.Token('thmref_open', 'a', 1);
        const close = new state.Token('thmref_close', 'a', -1);
        open.meta = meta;
        close.meta = meta;
        // Unresolved, it reads as written; resolved in another part, the link shows the name.
        children.push(open, text(state, theorem?.name ?? written), close);
      }
      if (from < child.content.length) children.push(text(state, child.content.slice(from)));
    }
    block.children = children;
  }
}

function hasReference(token: Token): boolean {
  return token.type === 'text' && token.content.includes('@');
}

function text(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

export function unresolvedTheorem(
  location: SourceLocation,
  label: string,
  series: boolean,
): Diagnostic {
  const where = series ? 'in this article or the other parts of its series' : 'in this article';
  return {
    ...location,
    severity: 'warning',
    code: 'markdown/unresolved-theorem-reference',
    message: `No block has the label \`{#${label}}\` ${where}, so \`@${label}\` is not a link.`,
    hint: `Check the spelling, or label the block: \`:::定理 タイトル {#${label}}\`.`,
  };
}
