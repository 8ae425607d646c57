export type { ArticleResult, StoredArticleResult, UnknownFrontMatterKey } from './article.js';
export type { ArticlesResult, LoadOptions } from './articles.js';
export type { SourcesResult } from './read.js';
export { readSources, rereadSources } from './read.js';
export { parseArticle, restoredArticleResult, storedArticleResult } from './article.js';
export { loadArticles } from './articles.js';
export { readDate } from './dates.js';
export { urlSegmentProblem } from './schema.js';
export type { ImageHeader } from './image-header.js';
export { readImageHeader } from './image-header.js';
export type { SiteImage } from './images.js';
export { isImageFile, readImages } from './images.js';
export {
  MAX_SEGMENT_BYTES,
  nameSlug,
  portableSegment,
  segmentCollisionKey,
} from './portable-name.js';
