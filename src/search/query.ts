import {
  INDEX_FORMAT,
  META_FILE,
  fragmentPath,
  shardPath,
  type DeltaFile,
  type Fragment,
  type IndexMeta,
  type Postings,
} from './format.js';
import { normalizeText, queryTerms, shardOf, type QueryTerm } from './tokenize.js';

/**
 * A query against the index files, for the browser's search page and for tests alike:
 * `load` reads a file of the index (its path under `search-index/`) as parsed JSON.
 *
 * Every term must occur; a term's words are looked up in their shards (and in the delta
 * layer, which replaces the shards' postings of the articles it holds), and a Japanese
 * run of three or more characters is checked against the article's text. Results with
 * more terms in the title come first, then by BM25 over the body, then in the site's order.
 */
export type LoadIndexFile = (path: string) => Promise<unknown>;

export interface SearchHit {
  id: number;
  /** How many terms the title contains. */
  titleTerms: number;
  score: number;
}

export interface SearchOutcome {
  terms: QueryTerm[];
  /** Best first; at least the `limit` best, all of them when `total` is known. */
  hits: SearchHit[];
  /** How many articles match; unknown when articles ranked below the `limit` best were not checked. */
  total?: number;
}

export interface Searcher {
  /** `limit`: how many of the best results must be exact (default: all). */
  search(query: string, limit?: number): Promise<SearchOutcome>;
  fragment(id: number): Promise<Fragment>;
}

/** Fragments read at once to check a Japanese term in the text. */
const CHECKED_AT_ONCE = 20;

// BM25's usual constants.
const K1 = 1.2;
const B = 0.75;

export function createSearcher(load: LoadIndexFile): Searcher {
  const files = new Map<string, Promise<unknown>>();
  const read = <T>(path: string): Promise<T> => {
    let file = files.get(path);
    if (!file) {
      file = load(path);
      files.set(path, file);
      // A failed read is tried again by the next query.
      file.catch(() => files.delete(path));
    }
    return file as Promise<T>;
  };
  const fragment = (id: number) => read<Fragment>(fragmentPath(id));

  async function search(query: string, limit = Infinity): Promise<SearchOutcome> {
    const terms = queryTerms(query);
    if (terms.length === 0) return { terms, hits: [], total: 0 };
    const meta = await read<IndexMeta>(META_FILE);
    if (meta.format !== INDEX_FORMAT) throw new Error(`unknown search index format ${meta.format}`);
    const delta: DeltaFile = meta.delta
      ? await read<DeltaFile>(meta.delta)
      : { ids: [], postings: {} };
    const position = new Map(meta.ids.map((id, index) => [id, index]));
    const replaced = new Set(delta.ids);
    const articles = meta.ids.length;
    const averageLength = meta.lengths.reduce((sum, length) => sum + length, 0) / articles;

    const postingsOf = async (token: string): Promise<Map<number, number>> => {
      const shard = await read<Postings>(
        shardPath(meta.shards[shardOf(token, meta.shards.length)]!),
      );
      const found = new Map<number, number>();
      decode(own(shard, token), (id, code) => {
        if (position.has(id) && !replaced.has(id)) found.set(id, code);
      });
      decode(own(delta.postings, token), (id, code) => {
        if (position.has(id)) found.set(id, code);
      });
      return found;
    };
    const looked = await Promise.all(terms.map((term) => Promise.all(term.tokens.map(postingsOf))));
    // BM25's inverse document frequency of each word, from the bodies it occurs in.
    const idfs = looked.map((term) =>
      term.map((postings) => {
        let inBodies = 0;
        for (const code of postings.values()) if (code >> 1 > 0) inBodies++;
        return Math.log(1 + (articles - inBodies + 0.5) / (inBodies + 0.5));
      }),
    );

    // Articles that have every word of every term.
    let candidates: number[] | undefined;
    for (const postings of looked.flat()) {
      candidates = (candidates ?? [...postings.keys()]).filter((id) => postings.has(id));
    }
    const ids = candidates ?? [];

    const rank = (id: number, title?: string): SearchHit => {
      const length = meta.lengths[position.get(id)!]!;
      let score = 0;
      let titleTerms = 0;
      terms.forEach((term, t) => {
        let inTitle = true;
        term.tokens.forEach((_, w) => {
          const code = looked[t]![w]!.get(id)!;
          if ((code & 1) === 0) inTitle = false;
          const frequency = code >> 1;
          if (frequency === 0) return;
          score +=
            (idfs[t]![w]! * frequency * (K1 + 1)) /
            (frequency + K1 * (1 - B + (B * length) / averageLength));
        });
        if (inTitle && title !== undefined) {
          inTitle = term.verify.every((run) => title.includes(run));
        }
        if (inTitle) titleTerms++;
      });
      return { id, titleTerms, score };
    };
    const before = (a: SearchHit, b: SearchHit): number =>
      b.titleTerms - a.titleTerms || b.score - a.score || position.get(a.id)! - position.get(b.id)!;
    // Ranked from the postings alone, the title judged by its words.
    const ranked = ids.map((id) => rank(id)).sort(before);
    if (!terms.some((term) => term.verify.length > 0)) {
      return { terms, hits: ranked, total: ranked.length };
    }

    // Bigrams found apart are not the term: each Japanese run is checked in the text, in
    // the order above, until `limit` results are certain. The check can only lower an
    // article (a title with the bigrams but not the run), so once `limit` checked results
    // rank before the next unchecked one, no unchecked one can come before them.
    const hits: SearchHit[] = [];
    let next = 0;
    while (next < ranked.length) {
      if (hits.length >= limit) {
        hits.sort(before);
        if (before(hits[limit - 1]!, ranked[next]!) < 0) break;
      }
      const batch = ranked.slice(next, next + CHECKED_AT_ONCE);
      next += batch.length;
      const fragments = await Promise.all(batch.map((hit) => fragment(hit.id)));
      batch.forEach(({ id }, index) => {
        const title = normalizeText(fragments[index]!.title);
        const body = normalizeText(fragments[index]!.text);
        const contains = terms.every((term) =>
          term.verify.every((run) => title.includes(run) || body.includes(run)),
        );
        if (contains) hits.push(rank(id, title));
      });
    }
    hits.sort(before);
    return { terms, hits, ...(next === ranked.length ? { total: hits.length } : {}) };
  }

  return { search, fragment };
}

function own(postings: Postings, token: string): number[] | undefined {
  return Object.hasOwn(postings, token) ? postings[token] : undefined;
}

function decode(list: number[] | undefined, each: (id: number, code: number) => void): void {
  if (!list) return;
  let id = 0;
  for (let i = 0; i < list.length; i += 2) {
    id += list[i]!;
    each(id, list[i + 1]!);
  }
}
