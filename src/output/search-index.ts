import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import {
  SEARCH_INDEX_LANGUAGE,
  escapeText,
  indexedHtml,
  plainText,
  searchWords,
  splitFormulas,
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
  /** What the index takes of the rendered body: `searchBody(html)`. */
  body: SearchBody;
}

/**
 * What the index takes of an article's rendered body, made once per article (the build
 * makes it when it renders the article, and caches it): the readable text shown in
 * results, and the body with every text cut into index words.
 */
export interface SearchBody {
  text: string;
  words: string;
}

export function searchBody(html: string): SearchBody {
  const split = splitFormulas(html);
  return {
    text: plainText(html, split).slice(0, EXCERPT_SOURCE),
    words: indexedHtml(html, split),
  };
}

/** Documents on their way to Pagefind at once: its work on one overlaps ours on the next. */
const IN_FLIGHT = 16;

/** A file of the index, made in memory. */
export type SearchIndexFile = Extract<OutputFile, { content: unknown }> & { content: Uint8Array };

/** Where the index goes in the output folder; the search page loads `pagefind.js` from there. */
export const SEARCH_INDEX_FOLDER = 'pagefind';

/** Pagefind's ready-made search interfaces: the search page runs `public/assets/search.js` instead. */
const PAGEFIND_INTERFACE = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

/** Longest body text kept for result excerpts, in characters. */
const EXCERPT_SOURCE = 30_000;

type Documents = Iterable<SearchDocument> | AsyncIterable<SearchDocument>;

/**
 * The Pagefind index of the given articles, as files for the output folder, made in
 * memory: the dev server serves them from there. Result URLs are the documents' own,
 * so they carry the base path.
 */
export async function searchIndexFiles(documents: Documents): Promise<SearchIndexFile[]> {
  return indexDocuments(documents, async (index) => {
    const { files, errors } = await index.getFiles();
    if (errors.length > 0)
      throw new Error(`Pagefind could not write its index: ${errors.join('; ')}`);
    return files
      .filter((file) => !PAGEFIND_INTERFACE.test(file.path))
      .map((file) => ({ path: `${SEARCH_INDEX_FOLDER}/${file.path}`, content: file.content }))
      .sort(byPath);
  });
}

/**
 * The same index written by Pagefind into `scratch`, a folder of the caller's, which
 * copies the files into the site and removes it. Handed over in memory, the index of 10,000
 * articles (about 100 MB) came base64-encoded twice, and decoding it added some 200 MB
 * to the build's peak memory.
 */
export async function writeSearchIndex(
  documents: Documents,
  scratch: string,
): Promise<Extract<OutputFile, { copyFrom: string }>[]> {
  return indexDocuments(documents, async (index) => {
    const folder = path.join(scratch, SEARCH_INDEX_FOLDER);
    const { errors } = await index.writeFiles({ outputPath: folder });
    if (errors.length > 0)
      throw new Error(`Pagefind could not write its index: ${errors.join('; ')}`);
    const files = [];
    for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (PAGEFIND_INTERFACE.test(entry.name)) {
        await rm(file);
        continue;
      }
      const relative = path.relative(scratch, file).split(path.sep).join('/');
      files.push({ path: relative, copyFrom: file });
    }
    return files.sort(byPath);
  });
}

function byPath(a: OutputFile, b: OutputFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Feeds Pagefind the documents, then lets `finish` take the index's files. */
async function indexDocuments<T>(
  documents: Documents,
  finish: (index: pagefind.PagefindIndex) => Promise<T>,
): Promise<T> {
  return withPagefind(async () => {
    const created = await pagefind.createIndex({
      forceLanguage: SEARCH_INDEX_LANGUAGE,
      // Keeps `log_a` one word, as the browser keeps it in a query.
      includeCharacters: '_',
    });
    const index = created.index;
    if (!index) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
    try {
      // A few documents at a time: a large site's bodies would not fit in memory together.
      // Pagefind takes them in the order they are sent, so the index is the same every time.
      const inFlight = new Set<Promise<void>>();
      for await (const document of documents) {
        const adding = index
          .addHTMLFile({ url: document.url, content: indexPage(document) })
          .then((added) => {
            if (added.errors.length > 0) {
              throw new Error(
                `Pagefind could not index ${document.url}: ${added.errors.join('; ')}`,
              );
            }
          });
        inFlight.add(adding);
        void adding.finally(() => inFlight.delete(adding)).catch(() => {});
        if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      return await finish(index);
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
  const { text, words } = document.body;
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
    words +
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
