import type { SiteConfig } from '../config/types.js';
import type { PageSpec, SiteArticle } from './types.js';
import { pagePathFor, urlFor } from './urls.js';

export type IndexPage = Extract<PageSpec, { kind: 'index' }>;

function indexUrl(config: SiteConfig, page: number): string {
  return page === 1 ? urlFor(config) : urlFor(config, 'page', String(page));
}

function indexPath(page: number): string {
  return page === 1 ? 'index.html' : pagePathFor('page', String(page));
}

/** `/`, `/page/2/`, …; an empty site still has its front page. Previous is the newer page. */
export function indexPages(articles: readonly SiteArticle[], config: SiteConfig): IndexPage[] {
  const perPage = config.postsPerPage >= 1 ? Math.floor(config.postsPerPage) : 1;
  const total = Math.max(1, Math.ceil(articles.length / perPage));
  const pages: IndexPage[] = [];
  for (let current = 1; current <= total; current++) {
    pages.push({
      kind: 'index',
      path: indexPath(current),
      url: indexUrl(config, current),
      articles: articles.slice((current - 1) * perPage, current * perPage),
      pagination: {
        current,
        total,
        ...(current > 1 ? { previousUrl: indexUrl(config, current - 1) } : {}),
        ...(current < total ? { nextUrl: indexUrl(config, current + 1) } : {}),
      },
    });
  }
  return pages;
}
