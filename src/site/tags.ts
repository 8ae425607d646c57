import type { SiteConfig } from '../config/index.js';
import type { Article } from '../model/index.js';
import { compareNames } from './order.js';
import { segmentsForNames } from './segments.js';
import type { TagRef } from '../model/index.js';
import { urlFor } from './urls.js';

export interface PlacedTag {
  ref: TagRef;
  /** Path segment of the tag page, decoded. */
  segment: string;
}

/** An article's tags as written, blanks and duplicates removed. */
export function tagNamesOf(article: Article): string[] {
  return [...new Set(article.tags.filter((tag) => tag.trim() !== ''))];
}

/** Every tag of the site by name, keyed by name. */
export function indexTags(
  articles: readonly Article[],
  config: SiteConfig,
): Map<string, PlacedTag> {
  const names = [...new Set(articles.flatMap(tagNamesOf))].sort(compareNames);
  const segments = segmentsForNames(names);
  return new Map(
    names.map((name) => {
      const segment = segments.get(name)!;
      return [name, { ref: { name, url: urlFor(config, 'tags', segment) }, segment }];
    }),
  );
}
