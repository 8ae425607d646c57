export type { Article, SourceFile, SourcePosition } from './types.js';
export type { ArticleResult, StoredArticleResult } from './article.js';
export type { ArticlesResult, LoadOptions } from './articles.js';
export type { SourcesResult } from './read.js';
export { readSources, rereadSources } from './read.js';
export { parseArticle, restoredArticleResult, storedArticleResult } from './article.js';
export { loadArticles } from './articles.js';
export {
  MAX_SEGMENT_BYTES,
  nameSlug,
  portableSegment,
  segmentCollisionKey,
} from './portable-name.js';
