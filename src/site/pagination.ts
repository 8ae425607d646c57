import type { SiteConfig } from '../config/index.js';
import type { Pagination, SiteArticle } from '../model/index.js';
import { pagePathFor, urlFor } from './urls.js';

/** One page of a paginated list, before it is given its kind. */
export interface ListPage {
  path: string;
  url: string;
  articles: SiteArticle[];
  pagination: Pagination;
}

/**
 * A list of articles cut into pages of `config.postsPerPage`: the first page at the
 * folder of `segments` (`/tags/解析/`, or `/` for none), the others under its `page/N/`
 * (`/tags/解析/page/2/`). An empty list still has its first page. Previous is the newer page.
 */
export function paginate(
  articles: readonly SiteArticle[],
  config: SiteConfig,
  ...segments: string[]
): ListPage[] {
  const url = (page: number) =>
    page === 1 ? urlFor(config, ...segments) : urlFor(config, ...segments, 'page', String(page));
  const path = (page: number) =>
    page === 1 ? pagePathFor(...segments) : pagePathFor(...segments, 'page', String(page));
  const perPage = config.postsPerPage >= 1 ? Math.floor(config.postsPerPage) : 1;
  const total = Math.max(1, Math.ceil(articles.length / perPage));
  const pages: ListPage[] = [];
  for (let current = 1; current <= total; current++) {
    pages.push({
      path: path(current),
      url: url(current),
      articles: articles.slice((current - 1) * perPage, current * perPage),
      pagination: {
        current,
        total,
        articleCount: articles.length,
        ...(current > 1 ? { previousUrl: url(current - 1) } : {}),
        ...(current < total ? { nextUrl: url(current + 1) } : {}),
      },
    });
  }
  return pages;
}
