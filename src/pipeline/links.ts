import type { SiteConfig } from '../config/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { coverUrl, menuUrl } from '../render/index.js';
import { articleLinks, brokenLinks, type LinkToCheck } from '../site/index.js';
import type { Site } from '../model/index.js';

/**
 * The site's internal links that reach nothing, as warnings at the place each is written:
 * articles' links and images, their `cover`s and the config's menu entries. `files` are the
 * output files that are not pages.
 */
export function checkLinks(
  site: Site,
  config: SiteConfig,
  files: Iterable<string>,
  menuLocations: readonly Pick<Diagnostic, 'file' | 'line' | 'column'>[] | undefined,
): Diagnostic[] {
  const links: LinkToCheck[] = articleLinks(site);
  for (const article of site.articles) {
    const { cover, sourcePath, fieldPositions } = article.rendered.article;
    if (cover === undefined || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(cover)) continue;
    links.push({
      href: coverUrl(cover, article.url, config.basePath),
      location: { file: sourcePath, line: 1, column: 1, ...fieldPositions?.cover },
      pageUrl: article.url,
      what: 'cover',
    });
  }
  config.menu.forEach((item, index) => {
    if (!isSitePath(item.url)) return;
    links.push({
      href: menuUrl(item.url, config.basePath),
      location: menuLocations?.[index] ?? { file: 'sugaku.config.yaml', line: 1, column: 1 },
      pageUrl: config.basePath,
      what: 'menu entry',
    });
  });
  return brokenLinks(site, files, links, config.basePath);
}

function isSitePath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}
