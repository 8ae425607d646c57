import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchIndexState } from '../search/index.js';
import { atomicWrite } from './article-cache.js';

/**
 * The search index's state (ids, article keys, shard names, the delta layer) between
 * builds in separate processes: `.cache/search-index.json`. A missing or unreadable file
 * only costs a full index; the build checks the files it would keep on disk anyway.
 */
function stateFile(cacheDir: string): string {
  return path.join(cacheDir, 'search-index.json');
}

/** Read synchronously: a build reads it while its pages render, and would wait behind their writes. */
export function readSearchState(cacheDir: string): SearchIndexState | undefined {
  let state: Partial<SearchIndexState>;
  try {
    state = JSON.parse(readFileSync(stateFile(cacheDir), 'utf8')) as Partial<SearchIndexState>;
  } catch {
    return undefined;
  }
  const valid =
    typeof state === 'object' &&
    state !== null &&
    typeof state.format === 'number' &&
    typeof state.nextId === 'number' &&
    Array.isArray(state.shards) &&
    Array.isArray(state.delta) &&
    typeof state.docs === 'object' &&
    state.docs !== null;
  return valid ? (state as SearchIndexState) : undefined;
}

export async function writeSearchState(cacheDir: string, state: SearchIndexState): Promise<void> {
  await atomicWrite(stateFile(cacheDir), JSON.stringify(state));
}
