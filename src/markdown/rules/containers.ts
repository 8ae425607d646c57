import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import container from 'markdown-it-container';
import type { RenderEnv } from '../env.js';
import { CALLOUT_CLOSE, calloutOpen, type CalloutKind } from './callouts.js';

/** Zenn's `:::message` and `:::message alert`. */
const MESSAGE = /^message(?:\s+(alert))?$/;
/** Qiita's `:::note`, `:::note info`, `:::note warn`, `:::note alert`. */
const NOTE = /^note(?:\s+(info|warn|alert))?$/;
/** Zenn's `:::details タイトル`. */
const DETAILS = /^details(?:\s+(.*))?$/;

const NOTE_KINDS: Readonly<Record<string, CalloutKind>> = {
  info: 'info',
  warn: 'warning',
  alert: 'danger',
};

/** What `:::details` shows when the author gave no title. */
const UNTITLED_DETAILS = '詳細';

/**
 * Zenn's and Qiita's `:::` containers (markdown-it-container): message and note boxes,
 * and `<details>` with the title as its `<summary>`. Nesting works as on Zenn: the outer
 * container takes more colons (`::::details` around `:::message`), since a closing line
 * closes the innermost container that has at most as many colons.
 */
export function containersPlugin(md: MarkdownIt): void {
  md.use(container, 'message', {
    validate: (params) => MESSAGE.test(params.trim()),
    render: (tokens, index) =>
      tokens[index]!.nesting === 1
        ? calloutOpen(MESSAGE.exec(tokens[index]!.info.trim())?.[1] ? 'danger' : 'info')
        : CALLOUT_CLOSE,
  });
  md.use(container, 'note', {
    validate: (params) => NOTE.test(params.trim()),
    render: (tokens, index) =>
      tokens[index]!.nesting === 1
        ? calloutOpen(NOTE_KINDS[NOTE.exec(tokens[index]!.info.trim())?.[1] ?? 'info']!)
        : CALLOUT_CLOSE,
  });
  md.use(container, 'details', {
    validate: (params) => DETAILS.test(params.trim()),
    render: (tokens, index) =>
      tokens[index]!.nesting === 1 ? '<details class="details">\n' : '</div>\n</details>\n',
  });
  md.renderer.rules.details_summary_open = () => '<summary class="details__summary">';
  md.renderer.rules.details_summary_close = () => '</summary>\n<div class="details__body">\n';

  md.core.ruler.after('block', 'container_details_summary', addSummaries);
  md.core.ruler.after('block', 'container_unclosed', (state: StateCore) => {
    const env = state.env as RenderEnv;
    for (const token of state.tokens) {
      if (token.type.startsWith('container_') && token.type.endsWith('_open')) {
        reportUnclosed(token, env);
      }
    }
  });
}

/**
 * The title of `:::details` as an inline token of its own in `<summary>`: parsed as
 * Markdown like any heading (so `$x$` in a title is math, located at its column), and
 * escaped by the renderer like any text.
 */
function addSummaries(state: StateCore): void {
  const tokens: Token[] = [];
  for (const token of state.tokens) {
    tokens.push(token);
    if (token.type !== 'container_details_open') continue;
    const title = DETAILS.exec(token.info.trim())?.[1]?.trim() || UNTITLED_DETAILS;
    const line = token.map?.[0] ?? 0;
    const open = new state.Token('details_summary_open', 'summary', 1);
    const inline = new state.Token('inline', '', 0);
    inline.content = title;
    inline.map = [line, line + 1];
    inline.children = [];
    const close = new state.Token('details_summary_close', 'summary', -1);
    open.level = token.level + 1;
    inline.level = token.level + 2;
    close.level = token.level + 1;
    tokens.push(open, inline, close);
  }
  state.tokens = tokens;
}

/**
 * markdown-it-container closes a container that has no closing line at the end of the
 * article (or of its list or quote), so a forgotten `:::` turns the rest of the article
 * into a note. Said at the opening line.
 */
function reportUnclosed(open: Token, env: RenderEnv): void {
  const [start, end] = open.map ?? [0, 0];
  const closing = env.sourceLines[env.article.bodyLine + end - 1] ?? '';
  const colons = /^[\s>]*(:{3,})\s*$/.exec(closing)?.[1]?.length ?? 0;
  if (colons >= open.markup.length) return;
  const opening = env.sourceLines[env.article.bodyLine + start - 1] ?? '';
  env.diagnostics.push({
    file: env.article.sourcePath,
    line: env.article.bodyLine + start,
    column: Math.max(1, opening.indexOf(open.markup) + 1),
    severity: 'warning',
    code: 'markdown/unclosed-container',
    message: `\`${open.markup}${open.info.trim()}\` is not closed: the rest of the article (or of the list or quote it is in) is inside it.`,
    hint: `End it with a line of \`${open.markup}\`. An outer container needs more colons than the ones inside it (\`::::details\` around \`:::message\`).`,
  });
}
