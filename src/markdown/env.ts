import type { Env, Token } from 'markdown-it';
import type { Article } from '../model/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { EquationLink, MathEngine, RowNumber, SourceLocation } from '../math/index.js';
import type {
  ArticleImages,
  Equation,
  EquationRef,
  InternalLink,
  Theorem,
} from '../model/index.js';

/**
 * Everything one article's render needs and collects. markdown-it hands `env` to every
 * rule and renderer, so per-article state lives here and never in the module.
 */
export interface RenderEnv extends Env {
  article: Article;
  macros: Readonly<Record<string, string>>;
  /** Undo Markdown escapes in inline math (`math.markdownEscapes`), else warn about them. */
  markdownEscapes: boolean;
  math: MathEngine;
  sourceLines: readonly string[];
  diagnostics: Diagnostic[];
  equations: Equation[];
  /** The numbered theorem-like blocks, filled by the theorems rule once the blocks are parsed. */
  theorems?: Theorem[];
  /**
   * References left for the site-wide step, numbered by `id`. (Not `references`:
   * markdown-it keeps link reference definitions there.)
   */
  pendingReferences: EquationRef[];
  formulaCount: number;
  /** Fenced code blocks rendered so far. */
  codeBlocks?: number;
  /** Links and images into the site, in source order. */
  links: InternalLink[];
  /** Sizes and variants of the image files the article may show; absent when it shows none. */
  images?: ArticleImages;
  /** Set while rendering headings for the table of contents: references stay plain text. */
  plainReferences?: boolean;
}

/** What a formula token carries from parsing to rendering. */
export interface FormulaMeta {
  /** Inline formulas: offset of the opening delimiter in the inline token's content. */
  offset?: number;
  location?: SourceLocation;
  lineColumns?: number[];
  /** Rendered HTML, kept so a second render (table of contents) neither renders nor reports again. */
  html?: string;
  /** A display whose closing delimiter is missing: shown as an error box. */
  unclosed?: boolean;
  /** Element id of a display with one number (with several, each row carries its own). */
  anchor?: string;
  references?: Record<string, EquationLink>;
  /** Automatic numbers, restatement links and row anchors of a display's rows. */
  numbering?: RowNumber[];
  /** Id of the `EquationRef` that will render this formula again with links from other articles. */
  pending?: number;
}

/** What an `eqref_open` token carries: the reference and, once resolved, its link. */
export interface ReferenceMeta {
  target:
    { kind: 'number'; number: string } | { kind: 'label'; label: string; style: 'eqref' | 'ref' };
  location: SourceLocation;
  href?: string;
  /** The number the link leads to, for its accessible name (「式 (2.4)」). */
  number?: string;
  pending?: number;
}

export function formulaMeta(token: Token): FormulaMeta {
  token.meta ??= {};
  return token.meta as FormulaMeta;
}
