export type { Article, SourceFile, SourcePosition } from './types.js';
export type { ArticleResult } from './article.js';
export type { ArticlesResult, LoadOptions } from './articles.js';
export type { SourcesResult } from './read.js';
export { readSources, rereadSources } from './read.js';
export { parseArticle } from './article.js';
export { loadArticles } from './articles.js';
