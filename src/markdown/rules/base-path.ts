import type { MarkdownIt, StateCore, Token } from 'markdown-it';

/**
 * A site served under a base path (`/blog/`) keeps its articles' links written from the
 * site's root: `[前回](/posts/x/)` and `![図](/images/a.png)` get the base path, so the same
 * article works in `sugaku dev` at `/` and deployed under `/blog/`. Left alone: relative
 * links, fragments, `//host` and absolute URLs, and a path that already starts with the base
 * path (written for the deployed site, as migrated blogs often are).
 */
export function basePathPlugin(md: MarkdownIt, basePath: string): void {
  if (basePath === '/') return;
  md.core.ruler.push('base_path', (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) token.children.forEach(prefix);
    }
  });

  function prefix(token: Token): void {
    const name = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
    const url = name === undefined ? null : token.attrGet(name);
    if (name === undefined || typeof url !== 'string' || !isRootRelative(url)) return;
    if (url.startsWith(basePath) || `${url}/` === basePath) return;
    token.attrSet(name, basePath + url.slice(1));
  }
}

function isRootRelative(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}
