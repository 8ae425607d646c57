import type { SiteConfig } from '../config/index.js';
import type { Article } from '../model/index.js';
import { compareNames } from './order.js';
import { segmentsForNames } from './segments.js';
import type { SeriesRef } from '../model/index.js';
import { urlFor } from './urls.js';

export interface PlacedSeries {
  ref: SeriesRef;
  /** Path segment of the series page, decoded. */
  segment: string;
  /** In reading order. */
  parts: Article[];
}

/** Numbered parts first by number, then unnumbered ones oldest first. */
export function compareSeriesParts(a: Article, b: Article): number {
  if (a.part !== undefined && b.part !== undefined && a.part !== b.part) return a.part - b.part;
  if (a.part !== undefined && b.part === undefined) return -1;
  if (a.part === undefined && b.part !== undefined) return 1;
  return (
    a.date.getTime() - b.date.getTime() ||
    (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) ||
    (a.sourcePath < b.sourcePath ? -1 : a.sourcePath > b.sourcePath ? 1 : 0)
  );
}

export function seriesNameOf(article: Article): string | undefined {
  return article.series === undefined || article.series.trim() === '' ? undefined : article.series;
}

/** Every series of the site by name, keyed by name. */
export function indexSeries(
  articles: readonly Article[],
  config: SiteConfig,
): Map<string, PlacedSeries> {
  const partsByName = new Map<string, Article[]>();
  for (const article of articles) {
    const name = seriesNameOf(article);
    if (name === undefined) continue;
    const parts = partsByName.get(name) ?? [];
    parts.push(article);
    partsByName.set(name, parts);
  }
  const names = [...partsByName.keys()].sort(compareNames);
  const segments = segmentsForNames(names);
  return new Map(
    names.map((name) => {
      const segment = segments.get(name)!;
      const parts = [...partsByName.get(name)!].sort(compareSeriesParts);
      return [name, { ref: { name, url: urlFor(config, 'series', segment) }, segment, parts }];
    }),
  );
}
