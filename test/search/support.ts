import { gunzipSync } from 'node:zlib';
import {
  createSearcher,
  searchEntry,
  updateSearchIndex,
  type SearchDocument,
  type SearchIndexState,
} from '../../src/search/index.js';
import type { OutputFile } from '../../src/model/index.js';

/** An article of a small test site: its title and readable text (formulas as `$TeX$`). */
export interface TestArticle {
  source: string;
  title: string;
  text: string;
  /** As shown; a new one makes a new fragment, not new words. */
  date?: string;
}

/** Files by path under `search-index/`, as gzip bytes. */
export type IndexFiles = Map<string, Uint8Array>;

/**
 * Queries against index files in memory, as the browser makes them: the URLs of the
 * results, in order (with `limit`, at least the `limit` best).
 */
export function searchFiles(
  files: IndexFiles,
  limit?: number,
  /** Where files not in `files` come from (a server). */
  fetchFile?: (file: string) => Promise<Uint8Array>,
): (query: string) => Promise<string[]> {
  const searcher = createSearcher(async (file) => {
    const bytes = files.get(file) ?? (await fetchFile?.(file));
    if (!bytes) throw new Error(`no index file ${file}`);
    return JSON.parse(gunzipSync(bytes).toString('utf8'));
  });
  return async (query) => {
    const { hits } = await searcher.search(query, limit);
    return Promise.all(hits.map(async (hit) => (await searcher.fragment(hit.id)).url));
  };
}

/** The search index files among a build's output files (in memory). */
export function indexFilesOf(files: OutputFile[]): IndexFiles {
  const index: IndexFiles = new Map();
  for (const file of files) {
    if (!file.path.startsWith('search-index/') || !('content' in file)) continue;
    const content = file.content;
    index.set(
      file.path.slice('search-index/'.length),
      typeof content === 'string' ? Buffer.from(content) : content,
    );
  }
  return index;
}

/**
 * A site's index made from its articles (in the given order, the site's), keeping the
 * previous build's files where the update keeps them, as the build does.
 */
export async function indexSite(
  articles: readonly TestArticle[],
  previous?: { state: SearchIndexState; files: IndexFiles },
  deltaLimit?: number,
): Promise<{
  state: SearchIndexState;
  files: IndexFiles;
  full: boolean;
  made: number;
  /** Entries asked for. */
  read: number;
}> {
  const documents: SearchDocument[] = articles.map((article) => ({
    source: article.source,
    key: JSON.stringify([article.title, article.text]),
    urlKey: article.source,
    url: () => `/posts/${article.source}/`,
    dateKey: article.date ?? '2025年5月20日',
    date: () => article.date ?? '2025年5月20日',
  }));
  const bySource = new Map(articles.map((article) => [article.source, article]));
  let read = 0;
  const update = await updateSearchIndex({
    ...(deltaLimit === undefined ? {} : { deltaLimit }),
    previous: previous?.state,
    documents,
    entry: async ({ source }) => {
      read++;
      const article = bySource.get(source)!;
      return searchEntry(article.title, article.text);
    },
  });
  const files: IndexFiles = new Map();
  let made = 0;
  for (const file of update.files) {
    const name = file.path.slice('search-index/'.length);
    if (file.content) made++;
    const content = file.content ?? previous?.files.get(name);
    if (!content) throw new Error(`${name} was to be kept, but the previous build has none`);
    files.set(name, content);
  }
  return { state: update.state, files, full: update.full, made, read };
}

/** The articles of a site as `TestArticle`s: `[source, title, text]`. */
export function articlesOf(...rows: [string, string, string][]): TestArticle[] {
  return rows.map(([source, title, text]) => ({ source, title, text }));
}
