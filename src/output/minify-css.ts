/**
 * The site's stylesheets, minified as they are copied to `dist/`: comments and the
 * whitespace that carries no meaning go; nothing is reordered or merged. That is most of
 * what a full minifier gains on a hand-written stylesheet, and lightningcss or esbuild
 * are native binaries of megabytes for it.
 *
 * Whitespace that does carry meaning stays: between the parts of a selector
 * (`.a .b`, `a :hover`), inside values (`1px solid`, `calc(1em + 2px)`), and everything
 * inside strings (`content: ' / '`) and `url(…)`.
 */

/** Text copied as it is: quoted strings and `url(…)`. */
const VERBATIM = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|url\(\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^)"'\s]*)\s*\)`;

const COMMENTS = new RegExp(String.raw`(${VERBATIM})|/\*[\s\S]*?(?:\*/|$)`, 'gi');

/**
 * Whitespace runs to one space; none next to `{ } ; , >` or after `:`, where CSS never
 * needs one; no `;` before `}`. A space before `:` stays (`a :hover` is not `a:hover`).
 */
const SPACES = new RegExp(String.raw`(${VERBATIM})|\s*;\s*}\s*|\s*([{};,>])\s*|:\s+|\s+`, 'gi');

export function minifyCss(css: string): string {
  // A comment between two words still separates them (`a/**/b` is `a b`).
  const uncommented = css.replace(COMMENTS, (all, kept: string | undefined) => kept ?? ' ');
  return uncommented
    .replace(SPACES, (all, kept: string | undefined, punctuation: string | undefined) => {
      if (kept !== undefined) return kept;
      if (punctuation !== undefined) return punctuation;
      if (all.includes('}')) return '}';
      if (all.startsWith(':')) return ':';
      return ' ';
    })
    .trim();
}
