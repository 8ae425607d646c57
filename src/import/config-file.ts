/**
 * The site config an import writes when the imported formulas hold Markdown escapes and the
 * site has no config yet: Qiita's old renderer ran Markdown before MathJax, so its authors
 * wrote `\_` for `_`.
 */
export const markdownEscapesConfig = `# sugaku import が書きました。移行した記事の数式に Markdown のエスケープ
# （\\_ や \\*）があるので、KaTeX に渡す前に _ や * に戻します。
math:
  markdownEscapes: true
`;
