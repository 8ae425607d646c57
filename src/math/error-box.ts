import { escapeHtml } from '../util/index.js';

/** A formula that failed stays visible as its source in a styled box: never raw TeX in prose, never dropped. */
export function errorBox(tex: string, displayMode: boolean, message: string): string {
  const tag = displayMode ? 'div' : 'span';
  return (
    `<${tag} class="math-error" role="img" aria-label="数式エラー: ${escapeHtml(message)}">` +
    `<code>${escapeHtml(tex)}</code></${tag}>`
  );
}
