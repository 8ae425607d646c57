import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { CALLOUT_CLOSE, calloutOpen, type CalloutKind } from './callouts.js';

/** `[!NOTE]` alone on the first line of a quote. */
const MARKER = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i;

const KINDS: Readonly<Record<string, CalloutKind>> = {
  note: 'info',
  tip: 'tip',
  important: 'important',
  warning: 'warning',
  caution: 'danger',
};

/**
 * GitHub's alerts, `> [!NOTE]` … `> [!CAUTION]`: a quote whose first line is the marker
 * becomes a box like Zenn's and Qiita's. Our own rule, not markdown-it-github-alerts:
 * that one prints text after the marker into the page unescaped and pairs a quote with
 * the first `</blockquote>` after it, which is a nested quote's.
 */
export function githubAlertsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'github_alerts', (state: StateCore) => {
    const tokens = state.tokens;
    for (let index = 0; index < tokens.length; index++) {
      if (tokens[index]!.type === 'blockquote_open') convertAlert(tokens, index);
    }
  });
  md.renderer.rules.github_alert_open = (tokens, index) =>
    calloutOpen((tokens[index]!.meta as { kind: CalloutKind }).kind);
  md.renderer.rules.github_alert_close = () => CALLOUT_CLOSE;
}

function convertAlert(tokens: Token[], openIndex: number): void {
  const open = tokens[openIndex]!;
  const paragraph = tokens[openIndex + 1];
  const inline = tokens[openIndex + 2];
  if (paragraph?.type !== 'paragraph_open' || inline?.type !== 'inline') return;
  const marker = MARKER.exec(inline.content);
  if (!marker) return;
  let closeIndex = openIndex + 3;
  while (closeIndex < tokens.length && !closesQuote(tokens[closeIndex]!, open)) closeIndex++;
  const close = tokens[closeIndex];
  if (!close) return;

  open.type = 'github_alert_open';
  open.tag = 'div';
  open.meta = { kind: KINDS[marker[1]!.toLowerCase()]! };
  close.type = 'github_alert_close';
  close.tag = 'div';

  const rest = inline.content.slice(marker[0].length);
  if (rest.trim() === '') {
    tokens.splice(openIndex + 1, 3);
    return;
  }
  // The paragraph now starts on the line after the marker, where its formulas are found.
  inline.content = rest;
  for (const token of [paragraph, inline]) {
    if (token.map) token.map = [token.map[0] + 1, token.map[1]];
  }
}

function closesQuote(token: Token, open: Token): boolean {
  return token.type === 'blockquote_close' && token.level === open.level;
}
