import type { MarkdownIt, Token } from 'markdown-it';

/** Sections and subsections get a link of their own, as the table of contents lists them. */
const ANCHORED = new Set(['h2', 'h3']);

/**
 * A `#` link after each `##` and `###` heading, to the heading's own id, so a reader can
 * copy a link to a section. As GitHub does it, the link sits beside the heading, not in
 * it: a screen reader's list of headings stays the headings' text, and the link is named
 * 「見出し「…」へのリンク」 instead of "#". The `#` itself is drawn by the stylesheet, so
 * the search text, excerpts and feeds, which read the HTML, see no stray `#`.
 *
 * markdown-it-anchor's own permalinks insert tokens into the stream (which the excerpt
 * and reading-length passes then see) and name the link from the heading's text without
 * its formulas; renderers leave the tokens as they are.
 */
export function headingAnchorsPlugin(md: MarkdownIt): void {
  const open = md.renderer.rules.heading_open;
  const close = md.renderer.rules.heading_close;
  md.renderer.rules.heading_open = (tokens, index, options, env, self) => {
    const heading = open
      ? open(tokens, index, options, env, self)
      : self.renderToken(tokens, index, options);
    const token = tokens[index]!;
    return anchorFor(token) === undefined ? heading : `<div class="heading">\n${heading}`;
  };
  md.renderer.rules.heading_close = (tokens, index, options, env, self) => {
    const heading = close
      ? close(tokens, index, options, env, self)
      : self.renderToken(tokens, index, options);
    const opening = tokens[index - 2];
    const id = opening && anchorFor(opening);
    if (id === undefined) return heading;
    const label = `見出し「${headingLabel(tokens[index - 1]?.children ?? [])}」へのリンク`;
    return (
      `${heading.trimEnd()}<a class="heading-anchor" href="#${md.utils.escapeHtml(id)}"` +
      ` aria-label="${md.utils.escapeHtml(label)}"></a>\n</div>\n`
    );
  };
}

/** The id of an anchored heading, else undefined. */
function anchorFor(token: Token): string | undefined {
  if (token.type !== 'heading_open' || !ANCHORED.has(token.tag)) return undefined;
  return token.attrGet('id')?.toString() || undefined;
}

/** The heading as a screen reader should say it in the link's name: text, code, and formulas as their TeX. */
export function headingLabel(children: Token[]): string {
  return children
    .map((child) =>
      child.type === 'text' || child.type === 'code_inline' || child.type.startsWith('math_inline')
        ? child.content
        : '',
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
