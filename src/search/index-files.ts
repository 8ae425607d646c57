import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { SearchEntry } from './entry.js';
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
import { shardOf } from './tokenize.js';

/** Where the index goes in the output folder. */
export const SEARCH_INDEX_FOLDER = 'search-index';

/** Largest shard, compressed: a query reads one shard per word. */
export const SHARD_LIMIT = 64 * 1024;
/** Largest delta layer, compressed, before the build folds it into the shards: every query reads it. */
export const DELTA_LIMIT = 32 * 1024;

/** An article as the index takes it, in the site's order. */
export interface SearchDocument {
  /** Its source file: what keeps its id while its slug, title or text change. */
  source: string;
  /** The article's cache key: its words change only when it does. */
  key: string;
  /**
   * What its page's URL is made from (the base path and the slug): compared on every build
   * without being encoded, which cost 30 ms at 10,000 articles in a new process.
   */
  urlKey: string;
  /** Site URL of its page, base path included: asked for only when its fragment is made. */
  url(): string;
  /**
   * What its shown date is made from (the instant and the time zone): compared on every
   * build without being formatted, which cost 140 ms at 10,000 articles in a new process.
   */
  dateKey: string;
  /** As shown in results, `2025年5月20日`: asked for only when its fragment is made. */
  date(): string;
}

/** What a build keeps of the index it made, so that the next one changes only what it must. */
export interface SearchIndexState {
  format: number;
  shards: string[];
  /** Sources of the articles whose postings are in the delta layer. */
  delta: string[];
  nextId: number;
  docs: Record<string, IndexedDocument>;
}

interface IndexedDocument {
  id: number;
  key: string;
  urlKey: string;
  dateKey: string;
  /** A hash of what its fragment is made from: key, URL and date. */
  fragment: string;
  length: number;
}

/** A file of the index; without `content`, the previous build's file of that path and key is kept. */
export interface IndexFile {
  path: string;
  key: string;
  content?: Uint8Array;
}

export interface SearchIndexUpdate {
  state: SearchIndexState;
  files: IndexFile[];
  /** True when every shard was made again (a first build, or the delta layer folded in). */
  full: boolean;
  /** Entries read: every article's for a full build, the changed ones' otherwise. */
  entriesRead: number;
}

export interface SearchIndexInput {
  /** What the previous build kept; ids stay as it gave them. */
  previous?: SearchIndexState | undefined;
  documents: readonly SearchDocument[];
  entry(document: SearchDocument): Promise<SearchEntry>;
  /** Make every shard again, even when a delta layer would do (the previous files are gone). */
  full?: boolean;
  /** `DELTA_LIMIT` unless told otherwise (tests fold small sites' deltas in). */
  deltaLimit?: number;
}

/** Bumped when the layout of the files or of the state changes. */
const STATE_FORMAT = 4;
/** Entries read at once: reading one at a time leaves the disk idle. */
const READ_AHEAD = 16;
/** Entries taken between two turns of the event loop. */
const YIELD_EVERY = 64;
/**
 * Postings whose JSON estimate is this many times the delta limit cannot fit in it
 * compressed (JSON of postings compresses about threefold).
 */
const SURELY_TOO_LARGE = 8;

/**
 * The index files for the given articles. With the previous build's state, articles
 * whose key did not change keep their postings in the shards and their fragments; the
 * others go into the delta layer, until it outgrows `DELTA_LIMIT` and every shard is
 * made again (ids kept). An edit of one article writes its fragment, the delta and the meta.
 */
export async function updateSearchIndex(input: SearchIndexInput): Promise<SearchIndexUpdate> {
  const previous = input.previous?.format === STATE_FORMAT ? input.previous : undefined;
  if (!previous || input.full) return fullIndex(input.documents, input.entry, previous);
  const limit = input.deltaLimit ?? DELTA_LIMIT;
  const delta = await deltaIndex(input.documents, input.entry, previous, limit);
  return delta ?? fullIndex(input.documents, input.entry, previous);
}

async function deltaIndex(
  documents: readonly SearchDocument[],
  entry: (document: SearchDocument) => Promise<SearchEntry>,
  previous: SearchIndexState,
  deltaLimit: number,
): Promise<SearchIndexUpdate | undefined> {
  let nextId = previous.nextId;
  const inDelta = new Set(previous.delta);
  const docs: Record<string, IndexedDocument> = {};
  const files: IndexFile[] = [];
  const needed: { document: SearchDocument; fragment: boolean }[] = [];
  for (const document of documents) {
    const known = Object.hasOwn(previous.docs, document.source)
      ? previous.docs[document.source]
      : undefined;
    if (!known || known.key !== document.key) inDelta.add(document.source);
    // Compared field by field: hashing ten thousand fragment keys on every save cost 50 ms.
    const sameFragment =
      known !== undefined &&
      known.key === document.key &&
      known.urlKey === document.urlKey &&
      known.dateKey === document.dateKey;
    // A new URL or date (a base path, a time zone) makes a new fragment, not new words.
    const indexed: IndexedDocument = sameFragment
      ? { ...known }
      : { ...indexedDocument(known?.id ?? nextId++, document), length: known?.length ?? 0 };
    docs[document.source] = indexed;
    if (sameFragment) files.push({ path: fragmentFile(indexed.id), key: indexed.fragment });
    if (!sameFragment || inDelta.has(document.source)) {
      needed.push({ document, fragment: !sameFragment });
    }
  }
  for (const source of inDelta) if (!Object.hasOwn(docs, source)) inDelta.delete(source);

  const postings = new PostingsBuilder();
  const deltaIds: number[] = [];
  // Postings list their ids in ascending order.
  needed.sort((a, b) => docs[a.document.source]!.id - docs[b.document.source]!.id);
  let outgrown = false;
  await forEachEntry(
    needed,
    ({ document }) => entry(document),
    ({ document, fragment }, found) => {
      const indexed = docs[document.source]!;
      if (fragment) files.push(fragmentFileOf(indexed, document, found));
      if (inDelta.has(document.source)) {
        indexed.length = found.length;
        deltaIds.push(indexed.id);
        postings.add(indexed.id, found);
      }
      // When most articles changed (a new version of sugaku renders all of them again),
      // stop early: reading every entry for a delta that cannot fit cost 23 s and 840 MB
      // at 10,000 articles before the full index read them all again.
      outgrown = postings.estimatedBytes() > deltaLimit * SURELY_TOO_LARGE;
      return !outgrown;
    },
  );
  if (outgrown) return undefined;
  let deltaName: string | null = null;
  if (deltaIds.length > 0) {
    const file: DeltaFile = { ids: deltaIds, postings: postings.toObject() };
    const bytes = compress(file);
    if (bytes.byteLength > deltaLimit) return undefined;
    deltaName = `delta-${hashOf(bytes).slice(0, 12)}.json.gz`;
    files.push({ path: `${SEARCH_INDEX_FOLDER}/${deltaName}`, key: deltaName, content: bytes });
  }
  for (const name of previous.shards) {
    files.push({ path: `${SEARCH_INDEX_FOLDER}/${shardPath(name)}`, key: name });
  }
  files.push(await metaFile(documents, docs, previous.shards, deltaName));
  const state: SearchIndexState = {
    format: STATE_FORMAT,
    shards: previous.shards,
    delta: documents.map((d) => d.source).filter((source) => inDelta.has(source)),
    nextId,
    docs,
  };
  return { state, files: files.sort(byPath), full: false, entriesRead: needed.length };
}

async function fullIndex(
  documents: readonly SearchDocument[],
  entry: (document: SearchDocument) => Promise<SearchEntry>,
  previous: SearchIndexState | undefined,
): Promise<SearchIndexUpdate> {
  let nextId = previous?.nextId ?? 0;
  const docs: Record<string, IndexedDocument> = {};
  for (const document of documents) {
    const known =
      previous && Object.hasOwn(previous.docs, document.source)
        ? previous.docs[document.source]
        : undefined;
    docs[document.source] = indexedDocument(known?.id ?? nextId++, document);
  }
  // Postings list their ids in ascending order: read the entries in that order.
  const byId = [...documents].sort((a, b) => docs[a.source]!.id - docs[b.source]!.id);
  const postings = new PostingsBuilder();
  const files: IndexFile[] = [];
  await forEachEntry(byId, entry, (document, found) => {
    const indexed = docs[document.source]!;
    indexed.length = found.length;
    postings.add(indexed.id, found);
    files.push(fragmentFileOf(indexed, document, found));
  });
  const shards = await shardFiles(postings, previous?.shards.length ?? 0);
  files.push(...shards.files);
  files.push(await metaFile(documents, docs, shards.names, null));
  const state: SearchIndexState = {
    format: STATE_FORMAT,
    shards: shards.names,
    delta: [],
    nextId,
    docs,
  };
  return { state, files: files.sort(byPath), full: true, entriesRead: documents.length };
}

/**
 * The postings cut into shards by the hash of their word: the fewest (a power of two, and
 * never fewer than before, so that a word stays where it was) whose largest shard,
 * compressed, is at most `SHARD_LIMIT`.
 */
async function shardFiles(
  postings: PostingsBuilder,
  atLeast: number,
): Promise<{ names: string[]; files: IndexFile[] }> {
  // A first guess from the size uncompressed: JSON of postings compresses about threefold.
  let count = 1;
  const wanted = Math.max(atLeast, Math.ceil(postings.estimatedBytes() / (SHARD_LIMIT * 2)));
  while (count < wanted) count *= 2;
  for (;;) {
    const groups: Postings[] = Array.from({ length: count }, () => ({}));
    for (const [word, list] of postings.entries()) groups[shardOf(word, count)]![word] = list;
    const compressed = groups.map((group) => compress(group));
    if (count < MAX_SHARDS && compressed.some((bytes) => bytes.byteLength > SHARD_LIMIT)) {
      count *= 2;
      continue;
    }
    const names = compressed.map(
      (bytes, index) => `${index}-${hashOf(bytes).slice(0, 12)}.json.gz`,
    );
    const files = names.map((name, index) => ({
      path: `${SEARCH_INDEX_FOLDER}/${shardPath(name)}`,
      key: name,
      content: compressed[index]!,
    }));
    return { names, files };
  }
}

/** A word whose own postings outgrow a shard would double the shards forever: stop somewhere. */
const MAX_SHARDS = 1 << 14;

class PostingsBuilder {
  /** Each word's list and the last id in it: one lookup a word (3 million at 10,000 articles). */
  private lists = new Map<string, { list: number[]; last: number }>();
  private bytes = 0;

  /** Ids must come in ascending order. */
  add(id: number, entry: SearchEntry): void {
    for (const [word, code] of entry.words) {
      let postings = this.lists.get(word);
      if (!postings) {
        postings = { list: [], last: 0 };
        this.lists.set(word, postings);
        this.bytes += word.length * 3 + 6;
      }
      postings.list.push(id - postings.last, code);
      postings.last = id;
      this.bytes += 6;
    }
  }

  *entries(): IterableIterator<[string, number[]]> {
    for (const [word, { list }] of this.lists) yield [word, list];
  }

  estimatedBytes(): number {
    return this.bytes;
  }

  toObject(): Postings {
    return Object.fromEntries(this.entries());
  }
}

async function metaFile(
  documents: readonly SearchDocument[],
  docs: Record<string, IndexedDocument>,
  shards: string[],
  delta: string | null,
): Promise<IndexFile> {
  const meta: IndexMeta = {
    format: INDEX_FORMAT,
    shards,
    delta,
    ids: documents.map((d) => docs[d.source]!.id),
    lengths: documents.map((d) => docs[d.source]!.length),
  };
  const content = compress(meta);
  return { path: `${SEARCH_INDEX_FOLDER}/${META_FILE}`, key: hashOf(content), content };
}

function fragmentFileOf(
  indexed: IndexedDocument,
  document: SearchDocument,
  entry: SearchEntry,
): IndexFile {
  const fragment: Fragment = {
    url: document.url(),
    title: entry.title,
    date: document.date(),
    text: entry.text,
  };
  return {
    path: fragmentFile(indexed.id),
    key: indexed.fragment,
    content: compress(fragment),
  };
}

function fragmentFile(id: number): string {
  return `${SEARCH_INDEX_FOLDER}/${fragmentPath(id)}`;
}

function indexedDocument(id: number, document: SearchDocument): IndexedDocument {
  const { key, urlKey, dateKey } = document;
  const fragment = hashOf(`${INDEX_FORMAT}\u0000${key}\u0000${urlKey}\u0000${dateKey}`);
  return { id, key, urlKey, dateKey, fragment, length: 0 };
}

/** Entries in order, `READ_AHEAD` asked for at once, until `each` returns false. */
async function forEachEntry<T>(
  items: readonly T[],
  read: (item: T) => Promise<SearchEntry>,
  each: (item: T, entry: SearchEntry) => boolean | void,
): Promise<void> {
  const pending = new Map<number, Promise<SearchEntry>>();
  const ask = (index: number) => {
    if (index >= items.length) return;
    const reading = read(items[index]!);
    reading.catch(() => {});
    pending.set(index, reading);
  };
  for (let index = 0; index < READ_AHEAD; index++) ask(index);
  for (let index = 0; index < items.length; index++) {
    ask(index + READ_AHEAD);
    const found = await pending.get(index)!;
    pending.delete(index);
    if (each(items[index]!, found) === false) return;
    // Entries may come synchronously: let the build's other work (the pages) go on.
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((done) => setImmediate(done));
  }
}

/**
 * Deterministic: Node's gzip writes no time or name into its header. Synchronous: for
 * 10,000 fragments of a few kilobytes, zlib's thread pool cost four times the CPU (9.3 s
 * against 2.4 s, most of it in the system) and 180 MB more memory.
 */
function compress(value: unknown): Uint8Array {
  const text = JSON.stringify(value);
  // zlib sets up its 32 KB window and 128 KB hash table for each file. A window no larger
  // than the text gives the same compression: for 1,000 fragments of about 4.5 kB, 0.12 →
  // 0.08 CPU-s (process.cpuUsage, medians of 9).
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(Buffer.byteLength(text)))));
  return new Uint8Array(gzipSync(text, { windowBits, memLevel: Math.max(1, windowBits - 7) }));
}

function hashOf(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

function byPath(a: IndexFile, b: IndexFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
