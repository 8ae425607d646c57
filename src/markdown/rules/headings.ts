import type { MarkdownIt, Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import type { Heading } from '../../model/index.js';

/**
 * Heading ids that read as the heading: Japanese kept as is (browsers percent-encode
 * fragments themselves), ASCII lower-cased, punctuation dropped, spaces to `-`.
 */
export function slugifyHeading(text: string): string {
  const slug = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/[\s_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

export function headingIdsPlugin(md: MarkdownIt): void {
  // markdown-it-anchor keeps its seen-ids table in `env`, so ids are unique per article.
  md.use(anchor, {
    level: [2, 3, 4],
    slugifyWithState: (text, state) => freeHeadingId(slugifyHeading(text), state.env),
    tabIndex: false,
  });
}

/** Per seen-ids table: the next suffix worth trying for each slug. */
const nextSuffixes = new WeakMap<object, Map<string, number>>();

/**
 * The id markdown-it-anchor would give (`証明`, `証明-1`, `証明-2`, …), worked out here:
 * it tries `-1`, `-2`, … from the start for every repeated heading, so ten thousand
 * headings with the same text took seconds. We go on from where the last search stopped.
 */
function freeHeadingId(slug: string, env: { markdownItAnchor?: { slugs?: object } }): string {
  const taken = env.markdownItAnchor?.slugs;
  if (!taken || !Object.hasOwn(taken, slug)) return slug;
  let suffixes = nextSuffixes.get(taken);
  if (!suffixes) nextSuffixes.set(taken, (suffixes = new Map()));
  let n = suffixes.get(slug) ?? 1;
  while (Object.hasOwn(taken, `${slug}-${n}`)) n++;
  suffixes.set(slug, n + 1);
  return `${slug}-${n}`;
}

/** `##` and `###` headings for the table of contents, in document order. */
export function collectHeadings(
  tokens: Token[],
  renderInline: (children: Token[]) => string,
): Heading[] {
  const headings: Heading[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const level = Number(token.tag.slice(1));
    const id = token.attrGet('id')?.toString();
    const inline = tokens[index + 1];
    if (level < 2 || level > 3 || !id || !inline?.children) return;
    headings.push({
      level,
      id,
      text: plainText(inline.children),
      // The entry is a link to the heading: a link inside it (a bare URL) would nest `<a>`.
      html: renderInline(
        inline.children.filter(
          (child) => child.type !== 'link_open' && child.type !== 'link_close',
        ),
      ),
    });
  });
  return headings;
}

function plainText(children: Token[]): string {
  return children
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('')
    .trim();
}
