import { decodeEntities, elementEnd } from './html-scan.js';

/**
 * What the search index takes of an article's rendered body: its readable text, with
 * every KaTeX rendering (HTML and MathML) replaced by its TeX source between `$`s, as the
 * author wrote it. The search stage (`src/search/`) cuts it into words and shows it in
 * result excerpts; KaTeX's glyphs and MathML never reach the index.
 */

/** Body HTML cut at its KaTeX renderings: `html[i]`, formula `tex[i]`, `html[i + 1]`, …; TeX as in the HTML (escaped). */
export interface FormulaSplit {
  html: string[];
  /** Undefined for a rendering without its TeX annotation. */
  tex: (string | undefined)[];
}

const TEX_ANNOTATION = '<annotation encoding="application/x-tex">';

/** Scanning KaTeX's markup is much of the cost of the search text: done once per body. */
export function splitFormulas(html: string): FormulaSplit {
  const split: FormulaSplit = { html: [], tex: [] };
  const opening = /<span class="katex"/g;
  let from = 0;
  for (let match = opening.exec(html); match; match = opening.exec(html)) {
    const end = elementEnd(html, match.index);
    const annotation = html.indexOf(TEX_ANNOTATION, match.index);
    const texStart = annotation + TEX_ANNOTATION.length;
    split.html.push(html.slice(from, match.index));
    split.tex.push(
      annotation !== -1 && annotation < end
        ? html.slice(texStart, html.indexOf('</annotation>', texStart))
        : undefined,
    );
    from = end;
    opening.lastIndex = end;
  }
  split.html.push(html.slice(from));
  return split;
}

function joinFormulas(
  { html, tex }: FormulaSplit,
  formula: (tex: string | undefined) => string,
): string {
  let joined = html[0]!;
  tex.forEach((source, index) => {
    joined += formula(source) + html[index + 1]!;
  });
  return joined;
}

/**
 * Every KaTeX rendering (HTML and MathML) replaced by its TeX source between `$`s, as
 * an author writes it: how a result excerpt shows a formula.
 */
export function formulasAsTex(html: string, split = splitFormulas(html)): string {
  return joinFormulas(split, (tex) => (tex ? `<span class="tex">$${tex.trim()}$</span>` : ''));
}

const BLOCK_TAGS =
  /^<\/?(p|div|h[1-6]|li|ul|ol|pre|blockquote|table|tr|td|th|section|article|br|hr|figure|figcaption|dl|dt|dd)[\s>/]/i;

/** Readable plain text of body HTML (formulas as `$TeX$`), for the search index. */
export function plainText(html: string, split = splitFormulas(html)): string {
  const text = formulasAsTex(html, split).replace(/<[^>]*>/g, (tag) =>
    BLOCK_TAGS.test(tag) ? '\n' : '',
  );
  return decodeEntities(text)
    .replace(/[ \t\r\n\u00a0]+/g, ' ')
    .trim();
}
