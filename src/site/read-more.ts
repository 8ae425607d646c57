import type { SiteArticle } from '../model/index.js';

/**
 * Chooses the "Read more" cards: other parts of the same series first, then
 * articles sharing more tags, then the newest; ties go by site order (date
 * desc, then slug). `site` must be in site order.
 */
export function readMorePicker(
  site: readonly SiteArticle[],
  articlesByTag: ReadonlyMap<string, readonly SiteArticle[]>,
  count: number,
): (article: SiteArticle) => SiteArticle[] {
  const position = new Map(site.map((article, index) => [article, index]));
  const positionsByTag = new Map(
    [...articlesByTag].map(([name, tagged]) => [name, tagged.map((other) => position.get(other)!)]),
  );
  // Scratch counters indexed by site position, cleared after each article:
  // a broad tag relates every article to every other, so this inner loop is
  // the hot spot of large sites.
  const sharedTags = new Uint32Array(site.length);
  const sameSeries = new Uint8Array(site.length);

  const isBetter = (a: number, b: number): boolean =>
    sameSeries[a] !== sameSeries[b]
      ? sameSeries[a]! > sameSeries[b]!
      : sharedTags[a] !== sharedTags[b]
        ? sharedTags[a]! > sharedTags[b]!
        : a < b;

  return (article) => {
    if (count <= 0) return [];
    const self = position.get(article)!;
    const related: number[] = [];
    const relate = (index: number): void => {
      if (sameSeries[index] === 0 && sharedTags[index] === 0) related.push(index);
    };
    for (const part of article.seriesParts) {
      const index = position.get(part)!;
      if (index === self) continue;
      relate(index);
      sameSeries[index] = 1;
    }
    for (const tag of article.tags) {
      for (const index of positionsByTag.get(tag.name) ?? []) {
        if (index === self) continue;
        relate(index);
        sharedTags[index]! += 1;
      }
    }

    // Top `count` by insertion: `count` is a handful, `related` may be the whole site.
    const best: number[] = [];
    for (const index of related) {
      if (best.length === count && !isBetter(index, best[count - 1]!)) continue;
      let at = best.length === count ? count - 1 : best.length;
      while (at > 0 && isBetter(index, best[at - 1]!)) {
        best[at] = best[at - 1]!;
        at -= 1;
      }
      best[at] = index;
    }
    const picked = best.map((index) => site[index]!);

    // The unrelated rest is already newest first.
    for (let index = 0; index < site.length && picked.length < count; index++) {
      if (index !== self && sameSeries[index] === 0 && sharedTags[index] === 0) {
        picked.push(site[index]!);
      }
    }
    for (const index of related) {
      sameSeries[index] = 0;
      sharedTags[index] = 0;
    }
    return picked;
  };
}
