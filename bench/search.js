// Figures of the search index a build wrote: its size, and what a browser's first query
// transfers (the search page's modules, compressed as a host would send them, and every
// index file the query reads, which are stored compressed).
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createSearcher } from '../lib/search/index.js';

/** Every file of `dist/search-index/`: count, bytes (compressed, as stored), the largest shard. */
export async function indexSize(out) {
  const folder = path.join(out, 'search-index');
  let files = 0;
  let bytes = 0;
  let largestShard = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const size = (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
    bytes += size;
    if (path.basename(entry.parentPath) === 'shard') largestShard = Math.max(largestShard, size);
  }
  return { files, bytes, largestShard };
}

/** Bytes a fresh browser fetches to show the first page of results for `query`. */
export async function firstQueryTransfer(out, query) {
  const client = path.join(out, 'assets/search');
  let bytes = 0;
  for (const name of await readdir(client)) {
    bytes += gzipSync(await readFile(path.join(client, name))).byteLength;
  }
  const clientBytes = bytes;
  let files = 0;
  const searcher = createSearcher(async (file) => {
    const content = await readFile(path.join(out, 'search-index', file));
    bytes += content.byteLength;
    files++;
    return JSON.parse(gunzipSync(content).toString('utf8'));
  });
  const { hits, total } = await searcher.search(query, 20);
  await Promise.all(hits.slice(0, 20).map((hit) => searcher.fragment(hit.id)));
  return { bytes, clientBytes, files, results: total ?? `≥${hits.length}` };
}
