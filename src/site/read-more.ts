import type { SiteArticle } from '../model/index.js';

/**
 * Chooses the "Read more" cards: other parts of the same series first, then
 * articles sharing more tags, then the newest; ties go by site order (date
 * desc, then slug). `site` must be in site order.
 *
 * Articles with the same set of tags are equally related to any other article, so they are
 * compared a set at a time: a broad tag no longer relates each article to every other one
 * by one (1.7 s of a 10,000-article build, where the sets numbered a few hundred).
 */
export function readMorePicker(
  site: readonly SiteArticle[],
  count: number,
): (article: SiteArticle) => SiteArticle[] {
  const position = new Map(site.map((article, index) => [article, index]));
  const groups: { tags: ReadonlySet<string>; members: number[] }[] = [];
  const groupOf = new Uint32Array(site.length);
  const bySignature = new Map<string, number>();
  site.forEach((article, index) => {
    const names = [...new Set(article.tags.map((tag) => tag.name))].sort();
    const signature = names.join('\u0000');
    let group = bySignature.get(signature);
    if (group === undefined) {
      group = groups.length;
      bySignature.set(signature, group);
      groups.push({ tags: new Set(names), members: [] });
    }
    // In site order, as `site` is.
    groups[group]!.members.push(index);
    groupOf[index] = group;
  });
  const groupsByTag = new Map<string, number[]>();
  groups.forEach(({ tags }, group) => {
    for (const name of tags) groupsByTag.set(name, [...(groupsByTag.get(name) ?? []), group]);
  });

  return (article) => {
    if (count <= 0) return [];
    const self = position.get(article)!;
    const own = groups[groupOf[self]!]!.tags;
    const sharedWith = (group: number): number => {
      let shared = 0;
      for (const name of groups[group]!.tags) if (own.has(name)) shared += 1;
      return shared;
    };
    const parts = new Set(article.seriesParts.map((part) => position.get(part)!));
    parts.delete(self);
    const candidates: Candidate[] = [...parts].map((index) => ({
      series: 1,
      shared: sharedWith(groupOf[index]!),
      index,
    }));
    const related = new Set<number>();
    for (const name of own) for (const group of groupsByTag.get(name) ?? []) related.add(group);
    for (const group of related) {
      const shared = sharedWith(group);
      let taken = 0;
      for (const index of groups[group]!.members) {
        if (taken === count) break;
        if (index === self || parts.has(index)) continue;
        candidates.push({ series: 0, shared, index });
        taken += 1;
      }
    }
    // Fewer related articles than cards: the newest of the others fill up. (Only then, so
    // the walk passes over fewer than `count` related ones.)
    for (let index = 0; index < site.length && candidates.length < count; index++) {
      if (index === self || parts.has(index) || related.has(groupOf[index]!)) continue;
      candidates.push({ series: 0, shared: 0, index });
    }
    return candidates
      .sort(byRelation)
      .slice(0, count)
      .map(({ index }) => site[index]!);
  };
}

interface Candidate {
  series: number;
  shared: number;
  /** Position in site order. */
  index: number;
}

function byRelation(a: Candidate, b: Candidate): number {
  return b.series - a.series || b.shared - a.shared || a.index - b.index;
}
