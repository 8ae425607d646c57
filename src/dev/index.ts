export type { DevEvent, DevServer, DevServerOptions } from './dev-server.js';
export { startDevServer } from './dev-server.js';
export type { NewArticle } from './new-article.js';
export {
  newArticleText,
  newSlugProblem,
  parseTagList,
  slugFromTitle,
  wallTime,
} from './new-article.js';
export { contentTypeFor } from './content-type.js';
export { resolveRequestPath, type RequestTarget } from './request-path.js';
export { overlayHtml } from './overlay.js';
