/** A formula that failed stays visible as its source in a styled box: never raw TeX in prose, never dropped. */
export function errorBox(tex: string, displayMode: boolean, message: string): string {
  const tag = displayMode ? 'div' : 'span';
  return (
    `<${tag} class="math-error" role="img" aria-label="数式エラー: ${escapeHtml(message)}">` +
    `<code>${escapeHtml(tex)}</code></${tag}>`
  );
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
