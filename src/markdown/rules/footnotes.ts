import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { escapeHtml } from '../../util/index.js';
import type { RenderEnv } from '../env.js';
import { fragmentFor } from '../equations.js';
import { locateInInline } from '../locate.js';

/** What markdown-it-footnote keeps in `env` while it parses. */
interface FootnoteState {
  /** `:label` → index in `list`, or -1 for a definition not referenced yet. */
  refs?: Record<string, number>;
  list?: { label?: string; content?: string; tokens?: Token[]; count?: number }[];
}

interface FootnoteMeta {
  id: number;
  subId?: number;
  label?: string;
}

/** A footnote reference in prose: `[^1]`, `[^注]`, not `[^1]:`, which defines one. */
const REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;

/**
 * Footnotes (markdown-it-footnote): `[^1]` with `[^1]: 本文` anywhere in the article, and
 * inline `^[本文]`. Its definition rule runs before link reference definitions, so
 * `[^1]:注` without a space is a footnote too (markdown-it alone made it a link
 * definition whose URL was the note, and the note vanished).
 *
 * Numbered in order of first reference, listed at the end under 脚注, linked both ways.
 * Ids carry the article's slug (`fn:slug:1`, `fnref:slug:1`): a feed reader that shows
 * several entries on one page, or a page that shows several articles, must not find
 * two notes with one id. A colon cannot occur in a heading's id or an equation's.
 */
export function footnotesPlugin(md: MarkdownIt): void {
  md.use(footnote);
  const rules = md.renderer.rules;
  rules.footnote_ref = (tokens, index, _options, env) => {
    // A heading's entry in the table of contents is a link already, and must not repeat the marker's id.
    if ((env as RenderEnv).plainReferences) return '';
    const meta = footnoteMeta(tokens[index]!);
    const number = meta.id + 1;
    const note = noteId(env as RenderEnv, meta.id);
    const ref = refId(env as RenderEnv, meta.id, meta.subId ?? 0);
    return (
      `<sup class="footnote-ref"><a href="${escapeHtml(fragmentFor(note))}" id="${escapeHtml(ref)}" ` +
      `aria-label="脚注${number}">[${number}]</a></sup>`
    );
  };
  rules.footnote_block_open = () =>
    '<section class="footnotes">\n<h2 class="footnotes__title">脚注</h2>\n<ol class="footnotes__list">\n';
  rules.footnote_block_close = () => '</ol>\n</section>\n';
  rules.footnote_open = (tokens, index, _options, env) => {
    const meta = footnoteMeta(tokens[index]!);
    return `<li id="${escapeHtml(noteId(env as RenderEnv, meta.id))}" class="footnotes__item">`;
  };
  rules.footnote_close = () => '</li>\n';
  rules.footnote_anchor = (tokens, index, _options, env) => {
    const meta = footnoteMeta(tokens[index]!);
    const subId = meta.subId ?? 0;
    const count = footnoteState(env as RenderEnv).list?.[meta.id]?.count ?? 1;
    const href = fragmentFor(refId(env as RenderEnv, meta.id, subId));
    // ↩ with U+FE0E, so that iOS does not draw it as an emoji. Its name says where it goes.
    const name = count > 1 ? `本文の${subId + 1}番目の参照箇所へ戻る` : '本文へ戻る';
    const mark = count > 1 ? `\u21a9\ufe0e${subId + 1}` : '\u21a9\ufe0e';
    return ` <a href="${escapeHtml(href)}" class="footnote-backref" aria-label="${name}">${mark}</a>`;
  };

  md.core.ruler.after('footnote_tail', 'footnote_places', placeInlineFootnotes);
  md.core.ruler.after('footnote_places', 'footnote_checks', reportFootnoteMistakes);
}

function footnoteMeta(token: Token): FootnoteMeta {
  return token.meta as unknown as FootnoteMeta;
}

function footnoteState(env: RenderEnv): FootnoteState {
  return (env as { footnotes?: FootnoteState }).footnotes ?? {};
}

/** What footnote ids are made of: the article's slug, without spaces (not allowed in an id). */
function idKey(env: RenderEnv): string {
  return env.article.slug.replace(/\s+/g, '-');
}

function noteId(env: RenderEnv, id: number): string {
  return `fn:${idKey(env)}:${id + 1}`;
}

function refId(env: RenderEnv, id: number, subId: number): string {
  return `fnref:${idKey(env)}:${id + 1}${subId > 0 ? `:${subId + 1}` : ''}`;
}

/**
 * An inline footnote's text, `^[…]`, is moved to the list at the end as a paragraph
 * without a line map. Give it the line it was written on, so that a formula in it is
 * reported at its place like any other.
 */
function placeInlineFootnotes(state: StateCore): void {
  const list = footnoteState(state.env as RenderEnv).list;
  if (!list) return;
  const lines = new Map<number, number>();
  let current: number | undefined;
  for (const token of state.tokens) {
    if (token.type === 'footnote_open') current = footnoteMeta(token).id;
    if (token.type !== 'inline' || !token.children) continue;
    if (!token.map && current !== undefined && lines.has(current)) {
      const line = lines.get(current)!;
      token.map = [line, line + 1];
    }
    if (!token.map) continue;
    let cursor = 0;
    for (const child of token.children) {
      if (child.type !== 'footnote_ref') continue;
      const entry = list[footnoteMeta(child).id];
      if (entry?.tokens === undefined || entry.content === undefined) continue;
      const at = token.content.indexOf(`^[${entry.content}]`, cursor);
      if (at === -1) continue;
      cursor = at + entry.content.length + 3;
      lines.set(footnoteMeta(child).id, token.map[0] + newlinesBefore(token.content, at));
    }
  }
}

function newlinesBefore(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) {
    count++;
  }
  return count;
}

/**
 * A reference to a note never defined stays as written (`[^2]`), and a definition never
 * referenced is not shown at all: both are surely mistakes, and neither shows itself
 * as one on the page.
 */
function reportFootnoteMistakes(state: StateCore): void {
  const env = state.env as RenderEnv;
  const refs = footnoteState(env).refs ?? {};
  for (const token of state.tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    let cursor = 0;
    for (const child of token.children) {
      if (child.type !== 'text') continue;
      for (const match of child.content.matchAll(REFERENCE)) {
        if (refs[`:${match[1]}`] !== undefined) continue;
        const at = token.content.indexOf(match[0], cursor);
        if (at !== -1) cursor = at + match[0].length;
        env.diagnostics.push({
          ...locateInInline(env, token, at === -1 ? 0 : at),
          severity: 'warning',
          code: 'markdown/undefined-footnote',
          message: `Footnote \`${match[0]}\` has no definition, so it is shown as written.`,
          hint: `Define it on a line of its own: \`${match[0]}: 注の本文。\``,
        });
      }
    }
  }
  for (const [key, id] of Object.entries(refs)) {
    if (id !== -1) continue;
    const label = key.slice(1);
    const found = findDefinition(env, label);
    env.diagnostics.push({
      file: env.article.sourcePath,
      line: found?.line ?? env.article.bodyLine,
      column: found?.column ?? 1,
      severity: 'warning',
      code: 'markdown/unused-footnote',
      message: `Footnote \`[^${label}]\` is defined but never referred to, so it is not shown.`,
      hint: `Refer to it with \`[^${label}]\` where the note belongs, or remove the definition.`,
    });
  }
}

/** Where `[^label]:` starts a line of the article (after indentation or `>`), 1-based. */
function findDefinition(
  env: RenderEnv,
  label: string,
): { line: number; column: number } | undefined {
  const marker = `[^${label}]:`;
  for (let line = env.article.bodyLine; line <= env.sourceLines.length; line++) {
    const text = env.sourceLines[line - 1]!;
    const column = text.indexOf(marker);
    if (column !== -1 && /^[\s>]*$/.test(text.slice(0, column)))
      return { line, column: column + 1 };
  }
  return undefined;
}
