import type { MarkdownIt } from 'markdown-it';

/**
 * Japanese script and full-width forms: kanji, kana (and ー), CJK punctuation (、。「」),
 * full-width punctuation and letters (（）！？), the ideographic space.
 */
const JAPANESE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\u30fc\uff01-\uff60\uffe0-\uffe6]/u;

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
  const cut = (link: LinkifyMatch) => cutAtJapanese(link, match);
  linkify.match = (text: string) => {
    const found = match(text)
      ?.map(cut)
      .filter((link): link is LinkifyMatch => link !== null);
    return found && found.length > 0 ? found : null;
  };
  linkify.matchAtStart = (text: string) => {
    const link = matchAtStart(text);
    return link && cut(link);
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
 * A match cut before its first Japanese character and matched again, so that what is
 * left is still a URL, without trailing punctuation (`https://example.com/a.です`), or
 * null when nothing of one is left (`https://日本.jp`).
 */
function cutAtJapanese(
  link: LinkifyMatch,
  match: (text: string) => LinkifyMatch[] | null,
): LinkifyMatch | null {
  const cut = link.raw.search(JAPANESE);
  if (cut === -1) return link;
  const again = match(link.raw.slice(0, cut))?.[0];
  if (again?.index !== 0) return null;
  // A Match keeps its fields as own properties; only the position moves.
  return Object.assign(again, {
    index: link.index,
    lastIndex: link.index + again.lastIndex,
  });
}
