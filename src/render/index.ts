export type {
  ArticleCardView,
  ArticleView,
  DateView,
  HeadingView,
  LinkView,
  MenuItemView,
  PageView,
  PaginationView,
  SeriesPartView,
  SeriesView,
  SiteView,
  TemplateData,
} from './model.js';
export { loadTemplates, templatesUsedBy, type TemplateSources } from './templates.js';
export {
  createRenderer,
  TEMPLATE_FOR_KIND,
  type RenderedPage,
  type Renderer,
  type RendererOptions,
} from './renderer.js';
export { buildTemplateData, templateDataKeyer } from './template-data.js';
export { createDateFormatter, type DateFormatter } from './dates.js';
export { ARTICLE_BODY_MARK, printsArticleBodyRaw } from './article-body.js';
export { coverUrl, menuUrl } from './menu.js';
