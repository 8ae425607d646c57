export { countTokens, normalizeText, queryTerms, shardOf, type QueryTerm } from './tokenize.js';
export { searchEntry, TEXT_LIMIT, type SearchEntry } from './entry.js';
export {
  DELTA_LIMIT,
  SEARCH_INDEX_FOLDER,
  SHARD_LIMIT,
  updateSearchIndex,
  type IndexFile,
  type SearchDocument,
  type SearchIndexInput,
  type SearchIndexState,
  type SearchIndexUpdate,
} from './index-files.js';
export { createSearcher, type LoadIndexFile, type SearchHit, type SearchOutcome } from './query.js';
export { SEARCH_CLIENT_FOLDER, searchClientFiles } from './client-files.js';
export type { Fragment, IndexMeta } from './format.js';
