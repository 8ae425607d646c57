// The data model every stage imports: what flows from one stage to the next. Types only,
// and no stage below: a stage's own index.ts re-exports what it makes, for its callers.
export type { SourceLocation, SourcePosition } from './position.js';
export type { Article, BundleFile, SourceFile } from './article.js';
export type { EquationLink, FormulaRequest, RowNumber } from './formula.js';
export type {
  ArticleImages,
  Equation,
  EquationRef,
  Heading,
  ImageFacts,
  InternalLink,
  RenderedArticle,
  Theorem,
  TheoremKind,
} from './rendered-article.js';
export type {
  AuthorRef,
  PageSpec,
  Pagination,
  SeriesRef,
  Site,
  SiteArticle,
  TagRef,
} from './site.js';
export type { OutputFile } from './output-file.js';
