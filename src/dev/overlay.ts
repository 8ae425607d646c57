import { formatDiagnostic, type Diagnostic } from '../diagnostics/index.js';
import { escapeHtml } from '../util/index.js';

/**
 * The body of the browser's error overlay: every diagnostic of the failed build as the
 * terminal prints it (location, message, code frame, hint), without colour, HTML-escaped,
 * each in a `<pre>`. Pure: `sourceFor` supplies the text for the code frame.
 */
export function overlayHtml(
  diagnostics: readonly Diagnostic[],
  sourceFor: (file: string) => string | undefined,
): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const counts = [
    errors > 0 ? `エラー ${errors} 件` : '',
    warnings > 0 ? `警告 ${warnings} 件` : '',
  ]
    .filter(Boolean)
    .join('、');
  const frames = diagnostics
    .map((d) => {
      const text = formatDiagnostic(d, { source: sourceFor(d.file), color: false });
      return `<pre class="diagnostic diagnostic--${d.severity}">${escapeHtml(text)}</pre>`;
    })
    .join('\n');
  return [
    '<h2 id="sugaku-overlay-title">ビルドに失敗しました</h2>',
    `<p>${escapeHtml(counts || 'エラー')}。ファイルを直して保存すると、この表示は消えます。` +
      '表示中のページは最後に成功したビルドのものです。</p>',
    frames,
  ].join('\n');
}

/** The overlay for a crash of the builder itself (our bug, not the author's). */
export function internalErrorOverlayHtml(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return [
    '<h2 id="sugaku-overlay-title">sugaku の内部エラー</h2>',
    '<p>ビルド中に予期しないエラーが起きました。ファイルを保存し直すと再ビルドします。</p>',
    `<pre class="diagnostic diagnostic--error">${escapeHtml(text)}</pre>`,
  ].join('\n');
}

/**
 * A banner for the 404 page served at a URL whose article moved in this session (a renamed
 * file, a new `slug:`, another base path): where it is now. A dev-server notice only; the
 * built site has no such page, so links to the old URL still need fixing.
 */
export function movedNoticeHtml(url: string): string {
  const href = escapeHtml(url);
  let shown = url;
  try {
    shown = decodeURI(url);
  } catch {
    // Shown as it is.
  }
  return (
    '<p data-sugaku-moved lang="ja" style="position:fixed;inset:0 0 auto 0;z-index:2147483646;' +
    'margin:0;padding:0.75rem 1rem;background:#fff3cd;color:#1a1a1a;' +
    'font:16px/1.6 system-ui,sans-serif;border-bottom:2px solid #f9a825">' +
    `このページは <a href="${href}">${escapeHtml(shown)}</a> に移りました（開発サーバーの案内）。` +
    '古い URL へのリンクが残っていれば直してください。</p>\n'
  );
}
