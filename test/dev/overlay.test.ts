import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { overlayHtml } from '../../src/dev/index.js';

const formulaError: Diagnostic = {
  file: 'content/posts/分数.md',
  line: 6,
  column: 4,
  severity: 'error',
  code: 'math/katex-error',
  message: "KaTeX parse error: Expected '}', got 'EOF' at end of input: \\frac{1}{2",
  hint: '括弧 { } の対応を確かめてください。',
};
const source =
  '---\ntitle: 分数\ndate: 2025-05-20\n---\n\n式 $\\frac{1}{2$ が閉じていない。<script>\n';

describe('overlayHtml', () => {
  it('shows the diagnostic as the terminal does, with its code frame, escaped', () => {
    const html = overlayHtml([formulaError], (file) =>
      file === formulaError.file ? source : undefined,
    );
    expect(html).toContain('ビルドに失敗しました');
    expect(html).toContain('エラー 1 件');
    expect(html).toContain('content/posts/分数.md:6:4 error[math/katex-error]');
    expect(html).toContain('&gt; 6 | 式 $\\frac{1}{2$ が閉じていない。&lt;script&gt;');
    expect(html).toContain('括弧 { } の対応を確かめてください。');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('\u001b[');
  });

  it('counts errors and warnings', () => {
    const warning: Diagnostic = {
      ...formulaError,
      severity: 'warning',
      code: 'front-matter/unknown-key',
    };
    const html = overlayHtml([formulaError, warning], () => undefined);
    expect(html).toContain('エラー 1 件、警告 1 件');
    expect(html.match(/<pre /g)).toHaveLength(2);
  });
});
