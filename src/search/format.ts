/**
 * The files of the search index, as the build writes them and the browser reads them:
 * JSON, each gzip-compressed (`.json.gz`), under `search-index/`. Documented with its
 * invariants in docs/ARCHITECTURE.md.
 */

/** `meta.json.gz`: the one file a query always reads first. */
export interface IndexMeta {
  format: typeof INDEX_FORMAT;
  /** File names under `shard/`; a word's postings are in shard `shardOf(word, shards.length)`. */
  shards: string[];
  /** File name of the delta layer, when articles changed since the shards were made. */
  delta: string | null;
  /** Ids of the articles in the site's order (newest first): the order of equal results. */
  ids: number[];
  /** Words in each article's body (`ids[i]`'s at `i`), for BM25. */
  lengths: number[];
}

/**
 * Postings: word → `[id gap, code, id gap, code, …]`, ids ascending (the first gap is the
 * id itself), code = (times the word occurs in the body) × 2 + (1 if in the title).
 */
export type Postings = Record<string, number[]>;

/** The delta layer: the current postings of articles added or changed since the shards were made. */
export interface DeltaFile {
  /** Their ids: the shards' postings for these ids are out of date and not read. */
  ids: number[];
  postings: Postings;
}

/** `doc/<id>.json.gz`: what a result shows, and the text a Japanese term is checked against. */
export interface Fragment {
  url: string;
  title: string;
  /** As shown: `2025年5月20日`. */
  date: string;
  /** Readable text of the body, formulas as `$TeX$`. */
  text: string;
}

export const INDEX_FORMAT = 1;
export const META_FILE = 'meta.json.gz';
export const shardPath = (name: string): string => `shard/${name}`;
export const fragmentPath = (id: number): string => `doc/${id}.json.gz`;
