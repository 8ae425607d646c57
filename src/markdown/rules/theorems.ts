import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import container from 'markdown-it-container';
import type { Diagnostic } from '../../diagnostics/index.js';
import { escapeHtml } from '../../util/index.js';
import type { RenderEnv } from '../env.js';
import type { Theorem, TheoremKind } from '../../model/index.js';

export interface TheoremOptions {
  /** `section`: 定理 2.1 is the first theorem of the second section; `article` (default): 定理 1, 2, 3. */
  numberWithin?: 'article' | 'section';
}

/** The block names an author may write, Japanese and English, and what each shows. */
const KINDS: readonly { kind: TheoremKind; name: string; english: string }[] = [
  { kind: 'definition', name: '定義', english: 'definition' },
  { kind: 'theorem', name: '定理', english: 'theorem' },
  { kind: 'lemma', name: '補題', english: 'lemma' },
  { kind: 'proposition', name: '命題', english: 'proposition' },
  { kind: 'corollary', name: '系', english: 'corollary' },
  { kind: 'example', name: '例', english: 'example' },
  { kind: 'remark', name: '注意', english: 'remark' },
  { kind: 'proof', name: '証明', english: 'proof' },
];

const KIND_BY_WORD = new Map(
  KINDS.flatMap(({ kind, name, english }) => [
    [name, kind],
    [english, kind],
  ]),
);
const NAME_OF = new Map(KINDS.map(({ kind, name }) => [kind, name]));

/**
 * `:::定理`, `:::定理 タイトル`, `:::定理 タイトル {#thm-amgm}`, `:::theorem {#thm-amgm}`.
 * The word must end there (`:::系列` is not a 系). Zenn's and Qiita's words (message,
 * details, note) are not among ours, so both dialects keep working side by side.
 */
const OPENING = new RegExp(`^(${[...KIND_BY_WORD.keys()].join('|')})(?:\\s+(.*))?$`);
const LABEL_AT_END = /(?:^|\s)\{#([^{}]*)\}$/;
const LABEL = /^[A-Za-z0-9_]+(?:[-_][A-Za-z0-9_]+)*$/;

/**
 * Label prefixes of numbered blocks, as in Quarto (`thm-`, `lem-`, …). A reference
 * `@thm-amgm` is read as one only with such a prefix, so `@username` and e-mail
 * addresses in prose stay text.
 */
export const LABEL_PREFIXES = ['def', 'thm', 'lem', 'prp', 'cor', 'exm', 'rem'] as const;
const PREFIXED = new RegExp(`^(?:${LABEL_PREFIXES.join('|')})-`);

const PREFIX_OF: Readonly<Record<TheoremKind, string>> = {
  definition: 'def',
  theorem: 'thm',
  lemma: 'lem',
  proposition: 'prp',
  corollary: 'cor',
  example: 'exm',
  remark: 'rem',
  proof: 'prf',
};

/** The name a label's prefix stands for: `定理` for `thm-amgm`. */
export function nameOfLabel(label: string): string {
  const prefix = label.slice(0, label.indexOf('-'));
  const kind = (Object.keys(PREFIX_OF) as TheoremKind[]).find((key) => PREFIX_OF[key] === prefix);
  return NAME_OF.get(kind ?? 'theorem')!;
}

/** What the block's tokens carry from parsing to rendering. */
type TheoremMeta = {
  kind: TheoremKind;
  /** `定理 2`; a proof's is `証明`. */
  name: string;
  titled: boolean;
  id?: string;
};

/**
 * Theorem-like blocks: `:::定理 相加平均と相乗平均 {#thm-amgm}` … `:::`, likewise 定義,
 * 補題, 命題, 系, 例, 注意, and `:::証明` closed by ∎. Each but 証明 is numbered per kind
 * (定理 1, 定理 2, 補題 1), per article or per section; a label is the block's element id
 * and what `@thm-amgm` in prose refers to (see `theorem-refs.ts`). Nesting works as for
 * every `:::` container: the outer block takes more colons.
 */
export function theoremsPlugin(md: MarkdownIt, options: TheoremOptions = {}): void {
  md.use(container, 'theorem', {
    validate: (params) => OPENING.test(params.trim()),
    render: (tokens, index) => {
      const token = tokens[index]!;
      const meta = token.meta as unknown as TheoremMeta | null;
      if (token.nesting === 1) {
        const id = meta?.id === undefined ? '' : ` id="${escapeHtml(meta.id)}"`;
        return `<div class="theorem theorem--${meta?.kind ?? 'theorem'}"${id}>\n`;
      }
      return '</div>\n';
    },
  });
  md.renderer.rules.theorem_head_open = (tokens, index) =>
    headOpen(tokens[index]!.meta as unknown as TheoremMeta);
  md.renderer.rules.theorem_head_close = (tokens, index) =>
    headClose(tokens[index]!.meta as unknown as TheoremMeta);
  md.renderer.rules.proof_end = (tokens, index) =>
    (tokens[index]!.meta as { inParagraph: boolean }).inParagraph
      ? `<span class="proof__end">${PROOF_END}</span>`
      : `<p class="proof__end">${PROOF_END}</p>\n`;
  md.core.ruler.after('block', 'theorem_heads', (state) =>
    numberTheorems(state, options.numberWithin ?? 'article'),
  );
}

/**
 * ∎ at the end of a proof, to the right. The mark itself is hidden from screen readers
 * (it would be read as "end of proof" in some voices and as nothing in others); the words
 * are read instead.
 */
const PROOF_END =
  '<span aria-hidden="true">∎</span><span class="visually-hidden">証明終わり</span>';

/**
 * As in print, ∎ goes at the right of the proof's last line when the proof ends with a
 * paragraph (floated inside it); after a display or a list it takes a line of its own.
 */
function proofEnd(state: StateCore, tokens: Token[], close: Token): void {
  const end = new state.Token('proof_end', '', 0);
  end.level = close.level + 1;
  const last = tokens.at(-1);
  end.meta = { inParagraph: last?.type === 'paragraph_close' };
  tokens.splice(last?.type === 'paragraph_close' ? -1 : tokens.length, 0, end);
}

/**
 * The head is the first thing in the block and the first thing read: 「定理 2（相加平均と
 * 相乗平均）」. A proof with a title shows the title in place of 証明 (`:::証明 定理 2 の証明`).
 */
function headOpen(meta: TheoremMeta): string {
  const open = '<p class="theorem__head"><span class="theorem__name">';
  if (meta.kind === 'proof') return meta.titled ? open : `${open}${meta.name}`;
  return `${open}${meta.name}</span>${meta.titled ? '<span class="theorem__title">（' : ''}`;
}

function headClose(meta: TheoremMeta): string {
  if (meta.kind === 'proof') return '</span></p>\n';
  return `${meta.titled ? '）</span>' : ''}</p>\n`;
}

/**
 * Number the blocks in source order, give each its head (the title an inline token of
 * its own, so `$x$` in a title is math and the renderer escapes it like any text) and
 * list the numbered ones in `env.theorems`, before any prose is parsed: a reference may
 * come before its theorem.
 */
function numberTheorems(state: StateCore, within: 'article' | 'section'): void {
  const env = state.env as RenderEnv;
  const theorems: Theorem[] = (env.theorems ??= []);
  const sectionLevel = Math.min(
    7,
    ...state.tokens.filter((token) => token.type === 'heading_open').map((token) => level(token)),
  );
  const counters = new Map<TheoremKind, number>();
  const labels = new Set<string>();
  const open: Token[] = [];
  let section = 0;
  const tokens: Token[] = [];
  for (const token of state.tokens) {
    if (token.type === 'container_theorem_close') {
      token.meta = open.pop()?.meta ?? null;
      if ((token.meta as TheoremMeta | null)?.kind === 'proof') proofEnd(state, tokens, token);
    }
    tokens.push(token);
    if (within === 'section' && token.type === 'heading_open' && level(token) === sectionLevel) {
      section++;
      counters.clear();
    }
    if (token.type !== 'container_theorem_open') continue;
    open.push(token);
    const [, word, rest = ''] = OPENING.exec(token.info.trim()) ?? [];
    const kind = KIND_BY_WORD.get(word ?? '') ?? 'theorem';
    const { title, label } = readHeading(rest, token, env);
    const id = label !== undefined && !labels.has(label) ? label : undefined;
    if (label !== undefined && id === undefined)
      env.diagnostics.push(labelProblem(token, env, label, 'duplicate'));
    if (id !== undefined) labels.add(id);
    let name = NAME_OF.get(kind)!;
    if (kind !== 'proof') {
      const count = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, count);
      const number = within === 'section' ? `${section}.${count}` : String(count);
      name = `${name} ${number}`;
      theorems.push({ kind, name, number, ...(id !== undefined ? { label: id } : {}) });
      if (id !== undefined && !PREFIXED.test(id))
        env.diagnostics.push(labelProblem(token, env, id, 'prefix', PREFIX_OF[kind]));
    }
    const meta: TheoremMeta = { kind, name, titled: title !== '', ...(id ? { id } : {}) };
    token.meta = meta;
    tokens.push(...head(state, token, meta, title));
  }
  state.tokens = tokens;
}

function level(heading: Token): number {
  return Number(heading.tag.slice(1));
}

/** `タイトル {#label}` → the title (one pair of enclosing parentheses dropped) and the label. */
function readHeading(
  rest: string,
  token: Token,
  env: RenderEnv,
): { title: string; label?: string } {
  const text = rest.trim();
  const match = LABEL_AT_END.exec(text);
  let title = (match ? text.slice(0, match.index) : text).trim();
  title = /^[(（](.*)[)）]$/.exec(title)?.[1]?.trim() ?? title;
  if (!match) return { title };
  const label = match[1]!.trim();
  if (LABEL.test(label)) return { title, label };
  env.diagnostics.push(labelProblem(token, env, label, 'characters'));
  return { title };
}

function head(state: StateCore, open: Token, meta: TheoremMeta, title: string): Token[] {
  const line = open.map?.[0] ?? 0;
  const headOpen = new state.Token('theorem_head_open', 'p', 1);
  const headClose = new state.Token('theorem_head_close', 'p', -1);
  headOpen.meta = meta;
  headClose.meta = meta;
  headOpen.level = open.level + 1;
  headClose.level = open.level + 1;
  if (title === '') return [headOpen, headClose];
  const inline = new state.Token('inline', '', 0);
  inline.content = title;
  inline.map = [line, line + 1];
  inline.children = [];
  inline.level = open.level + 2;
  return [headOpen, inline, headClose];
}

function labelProblem(
  open: Token,
  env: RenderEnv,
  label: string,
  problem: 'duplicate' | 'characters' | 'prefix',
  prefix = 'thm',
): Diagnostic {
  const line = env.article.bodyLine + (open.map?.[0] ?? 0);
  const source = env.sourceLines[line - 1] ?? '';
  const at = source.lastIndexOf(`{#${label}`);
  const location = { file: env.article.sourcePath, line, column: at === -1 ? 1 : at + 1 };
  if (problem === 'duplicate')
    return {
      ...location,
      severity: 'warning',
      code: 'markdown/duplicate-theorem-label',
      message: `\`{#${label}}\` labels another block of this article already; references go to the first.`,
      hint: 'Give each block a label of its own.',
    };
  if (problem === 'characters')
    return {
      ...location,
      severity: 'warning',
      code: 'markdown/invalid-theorem-label',
      message: `\`{#${label}}\` is not a label: a label is ASCII letters, digits, \`-\` and \`_\`, such as \`{#thm-amgm}\`.`,
      hint: 'Write the label in ASCII, for example `{#thm-mean}`; the title before it may be in Japanese.',
    };
  return {
    ...location,
    severity: 'warning',
    code: 'markdown/theorem-label-prefix',
    message: `\`{#${label}}\` has no prefix such as \`${prefix}-\`, so \`@${label}\` in prose would not be read as a reference.`,
    hint: `Start the label with one of ${LABEL_PREFIXES.map((p) => `\`${p}-\``).join(', ')}: \`{#${prefix}-${label}}\`.`,
  };
}
