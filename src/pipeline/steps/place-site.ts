import type { SiteConfig } from '../../config/index.js';
import type { BuildRun } from '../run-context.js';
import type { RenderedArticle, Site } from '../../model/index.js';

/**
 * Place the site: order, URLs, tags, authors, series and the list of pages, by a
 * site builder that remembers what it placed while the articles stay the same objects.
 */
export function placeSite(run: BuildRun, articles: RenderedArticle[], config: SiteConfig): Site {
  const site = run.memory.placeSite(articles, config);
  run.stats.articles = site.articles.length;
  return site;
}
