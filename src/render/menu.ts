import type { MenuItem } from '../config/index.js';
import type { MenuItemView } from './model.js';

const ABSOLUTE = /^https?:\/\//i;

/**
 * A menu URL from the config as a link on the page: site paths get the base
 * path and each segment percent-encoded (`/tags/解析/` → `/blog/tags/%E8%A7%A3%E6%9E%90/`);
 * absolute URLs are left as written.
 */
export function menuUrl(url: string, basePath: string): string {
  if (ABSOLUTE.test(url)) return url;
  const suffixAt = url.search(/[?#]/);
  const path = suffixAt === -1 ? url : url.slice(0, suffixAt);
  const suffix = suffixAt === -1 ? '' : url.slice(suffixAt);
  const encoded = path
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(decoded(segment)))
    .join('/');
  return `${basePath}${encoded}${suffix}`;
}

/**
 * An article's `cover` as a URL: a site path or URL as `menuUrl` makes it, and a relative
 * path (an image kept beside the article in its folder) under the article's own page.
 */
export function coverUrl(cover: string, pageUrl: string, basePath: string): string {
  if (ABSOLUTE.test(cover) || cover.startsWith('/')) return menuUrl(cover, basePath);
  return `${pageUrl}${menuUrl(cover, '')}`;
}

export function menuView(
  menu: readonly MenuItem[],
  basePath: string,
  pageUrl: string,
): MenuItemView[] {
  return menu.map((item) => {
    const url = menuUrl(item.url, basePath);
    return { label: item.label, url, current: url === pageUrl };
  });
}

// An author may write a segment already encoded; encoding it again would break the link.
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
