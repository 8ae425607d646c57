import type { SiteConfig } from '../config/index.js';
import { safeSegment } from './segments.js';

type BasePath = Pick<SiteConfig, 'basePath'>;

function encoded(segments: readonly string[]): string {
  return segments.map((segment) => encodeURIComponent(safeSegment(segment))).join('/');
}

/** Link to a folder page: `urlFor(config, 'tags', '解析')` → `/blog/tags/%E8%A7%A3%E6%9E%90/`. */
export function urlFor(config: BasePath, ...segments: string[]): string {
  return segments.length === 0 ? config.basePath : `${config.basePath}${encoded(segments)}/`;
}

/** An article's page: `/blog/posts/%E5%AF%BE%E6%95%B0/`; the search index links to it before the site exists. */
export function articleUrl(config: BasePath, article: { slug: string }): string {
  return urlFor(config, 'posts', article.slug);
}

/** Link to a file: `fileUrlFor(config, 'assets', 'style.css')` → `/blog/assets/style.css`. */
export function fileUrlFor(config: BasePath, ...segments: string[]): string {
  return `${config.basePath}${encoded(segments)}`;
}

/** Output file of a folder page, decoded, without base path: `posts/対数/index.html`. */
export function pagePathFor(...segments: string[]): string {
  return [...segments.map(safeSegment), 'index.html'].join('/');
}
