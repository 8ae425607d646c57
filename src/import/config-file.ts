/**
 * The site config an import writes when the site has none yet. Zenn and Qiita show a line
 * break in a paragraph as a line break, so imported articles keep theirs
 * (`markdown.breaks`). Qiita's old renderer ran Markdown before MathJax, so its authors
 * wrote `\_` for `_`: when the formulas hold such escapes, they are undone
 * (`math.markdownEscapes`).
 */
export function importedSiteConfig(markdownEscapes: boolean): string {
  const lines = [
    '# sugaku import が書きました。',
    '# Zenn や Qiita と同じく、段落の中の改行をそのまま改行として表示します。',
    'markdown:',
    '  breaks: true',
  ];
  if (markdownEscapes) {
    lines.push(
      '# 移行した記事の数式に Markdown のエスケープ（\\_ や \\*）があるので、',
      '# KaTeX に渡す前に _ や * に戻します。',
      'math:',
      '  markdownEscapes: true',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The settings `importedSiteConfig` writes, as the summary names them. */
export function importedSettings(markdownEscapes: boolean): string[] {
  return [
    '`markdown: { breaks: true }`',
    ...(markdownEscapes ? ['`math: { markdownEscapes: true }`'] : []),
  ];
}
