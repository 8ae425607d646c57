/**
 * The boxes that Zenn's `:::message`, Qiita's `:::note` and GitHub's `> [!NOTE]` all
 * become. One word per colour, whichever dialect asked for it: a box's meaning must
 * not rest on its colour alone (WCAG 1.4.1), and a screen reader reads the word first.
 */
export type CalloutKind = 'info' | 'tip' | 'important' | 'warning' | 'danger';

export const CALLOUT_LABELS: Readonly<Record<CalloutKind, string>> = {
  info: 'メモ',
  tip: 'ヒント',
  important: '重要',
  warning: '注意',
  danger: '警告',
};

/**
 * The opening of a box, with its word as the first thing read. Not `<aside>`: that is a
 * landmark, and a page with ten notes would list ten landmarks.
 */
export function calloutOpen(kind: CalloutKind): string {
  return (
    `<div class="callout callout--${kind}">\n` +
    `<p class="callout__label">${CALLOUT_LABELS[kind]}</p>\n`
  );
}

export const CALLOUT_CLOSE = '</div>\n';
