export type { Article, BundleFile, SourceFile, SourcePosition } from './types.js';
export type { ArticleResult, StoredArticleResult, UnknownFrontMatterKey } from './article.js';
export type { ArticlesResult, LoadOptions } from './articles.js';
export type { SourcesResult } from './read.js';
export { readSources, rereadSources } from './read.js';
export { parseArticle, restoredArticleResult, storedArticleResult } from './article.js';
export { loadArticles } from './articles.js';
export { readDate } from './dates.js';
export { urlSegmentProblem } from './schema.js';
