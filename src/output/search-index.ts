import * as pagefind from 'pagefind';
import {
  SEARCH_INDEX_LANGUAGE,
  escapeText,
  indexedHtml,
  plainText,
  searchWords,
} from './search-text.js';
import type { OutputFile } from './types.js';

/** An article as the search index takes it. */
export interface SearchDocument {
  /** Site URL of the page, base path included: what a result links to. */
  url: string;
  title: string;
  /** Shown under the title in results: `2025年5月20日`. */
  date: string;
  tags: string[];
  /** The rendered article body (KaTeX and all). */
  html: string;
}

/** A file of the index, made in memory. */
export type SearchIndexFile = Extract<OutputFile, { content: unknown }> & { content: Uint8Array };

/** Where the index goes in the output folder; the search page loads `pagefind.js` from there. */
export const SEARCH_INDEX_FOLDER = 'pagefind';

/** Longest body text kept for result excerpts, in characters. */
const EXCERPT_SOURCE = 30_000;

/**
 * The Pagefind index of the given articles, as files for the output folder, made in
 * memory so that it is written, or not, with the rest of the site. Result URLs are the
 * documents' own, so they carry the base path.
 */
export async function searchIndexFiles(
  documents: Iterable<SearchDocument> | AsyncIterable<SearchDocument>,
): Promise<SearchIndexFile[]> {
  return withPagefind(async () => {
    const created = await pagefind.createIndex({
      forceLanguage: SEARCH_INDEX_LANGUAGE,
      // Keeps `log_a` one word, as the browser keeps it in a query.
      includeCharacters: '_',
    });
    const index = created.index;
    if (!index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
    try {
      // One document at a time: a large site's bodies would not fit in memory together.
      for await (const document of documents) {
        const added = await index.addHTMLFile({ url: document.url, content: indexPage(document) });
        if (added.errors.length > 0) {
          throw new Error(`Pagefind could not index ${document.url}: ${added.errors.join('; ')}`);
        }
      }
      const { files, errors } = await index.getFiles();
      if (errors.length > 0)
        throw new Error(`Pagefind could not write its index: ${errors.join('; ')}`);
      return files
        .map((file) => ({ path: `${SEARCH_INDEX_FOLDER}/${file.path}`, content: file.content }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    } finally {
      await index.deleteIndex();
    }
  });
}

/**
 * The page Pagefind indexes for an article: title and body cut into index words
 * (see `search-text.ts`), and the readable title, date and text as metadata for the
 * results list, which shows them instead of Pagefind's excerpt of the cut words.
 */
export function indexPage(document: SearchDocument): string {
  const text = plainText(document.html).slice(0, EXCERPT_SOURCE);
  const meta = [
    ['title', document.title],
    ['date', document.date],
    ['text', text],
  ] as const;
  const attributes = meta
    .map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`)
    .join('');
  const metaNames = meta.map(([key]) => `${key}[data-${key}]`).join(', ');
  return (
    `<!doctype html><html lang="${SEARCH_INDEX_LANGUAGE}"><head><meta charset="utf-8">` +
    `<title>${escapeText(document.title)}</title></head>` +
    `<body data-pagefind-body>` +
    `<span data-pagefind-meta="${metaNames}"${attributes}></span>` +
    `<h1>${escapeText(searchWords(document.title))}</h1>` +
    (document.tags.length > 0 ? `<p>${escapeText(searchWords(document.tags.join(' ')))}</p>` : '') +
    indexedHtml(document.html) +
    `</body></html>`
  );
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/*
 * Pagefind runs as one child process per Node process, shared by every index. It is
 * stopped when the last index of the moment is done, so a build leaves nothing
 * running, and two builds at once (tests, the dev server) don't stop each other's.
 */
let openIndexes = 0;

async function withPagefind<T>(work: () => Promise<T>): Promise<T> {
  openIndexes++;
  try {
    return await work();
  } finally {
    openIndexes--;
    if (openIndexes === 0) await pagefind.close();
  }
}
