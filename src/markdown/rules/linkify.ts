import type { MarkdownIt } from 'markdown-it';

/**
 * Japanese script and full-width forms: kanji, kana (and ー), CJK punctuation (、。「」),
 * full-width punctuation and letters (（）！？), the ideographic space.
 */
const JAPANESE_CLASS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\u30fb\\u30fc\\uff01-\\uff60\\uffe0-\\uffe6';
const JAPANESE = new RegExp(`[${JAPANESE_CLASS}]`, 'u');
const NOT_JAPANESE = new RegExp(`[^${JAPANESE_CLASS}]+`, 'gu');

type LinkifyMatch = NonNullable<ReturnType<MarkdownIt['linkify']['matchAtStart']>>;

/**
 * Bare URLs as links (markdown-it's `linkify` with linkify-it), ending where Japanese
 * begins: `https://example.com/aです` links `https://example.com/a`. linkify-it takes
 * any letter as part of a URL, and Japanese prose puts no space after one. An address
 * with Japanese in it (`https://ja.wikipedia.org/wiki/数学`) is written as a link or in
 * `<…>`. Only `scheme://` addresses and e-mail addresses: markdown-it leaves fuzzy links
 * off, and on they would make `main.py` and `README.md` into links to hosts.
 *
 * Code spans, math and existing links are tokens of their own before linkify looks at
 * text, so nothing in them becomes a link.
 */
export function linkifyPlugin(md: MarkdownIt): void {
  md.set({ linkify: true });
  const linkify = md.linkify;
  const match = linkify.match.bind(linkify);
  const matchAtStart = linkify.matchAtStart.bind(linkify);
  // markdown-it asks `test` first and then takes `match` to be a list: an empty one,
  // never null, when every match was Japanese.
  linkify.match = (text: string) =>
    match(text)
      ?.map((link) => withoutJapanese(link, match))
      .filter((link): link is LinkifyMatch => link !== null) ?? null;
  linkify.matchAtStart = (text: string) => {
    const link = matchAtStart(text);
    const kept = link && withoutJapanese(link, match);
    return kept?.index === 0 ? kept : null;
  };
  // A link that shows its own address (bare, or `<https://…>`) is marked, so print
  // styles do not print the address a second time after it.
  md.core.ruler.after('linkify', 'url_class', (state) => {
    for (const token of state.tokens) {
      for (const child of token.children ?? []) {
        if (child.type === 'link_open' && child.info === 'auto') child.attrJoin('class', 'url');
      }
    }
  });
}

/**
 * The URL in a match once Japanese is taken out of it: the first stretch between Japanese
 * characters that is a URL (or e-mail address) by itself, matched again so that it has
 * no trailing punctuation (`https://example.com/a.です`). linkify-it reads letters on both
 * sides of an e-mail's `@` as part of it (`連絡はfoo@example.comまで`). Null when no stretch
 * is one (`https://日本.jp`).
 */
function withoutJapanese(
  link: LinkifyMatch,
  match: (text: string) => LinkifyMatch[] | null,
): LinkifyMatch | null {
  if (!JAPANESE.test(link.raw)) return link;
  for (const stretch of link.raw.matchAll(NOT_JAPANESE)) {
    const again = match(stretch[0])?.[0];
    if (!again) continue;
    // A Match keeps its fields as own properties; only its place moves.
    const start = link.index + stretch.index + again.index;
    return Object.assign(again, { index: start, lastIndex: start + again.raw.length });
  }
  return null;
}
