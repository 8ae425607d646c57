import type { Diagnostic } from '../diagnostics/index.js';
import type { Article } from './article.js';
import type { FormulaRequest } from './formula.js';
import type { SourceLocation } from './position.js';

export interface Heading {
  level: number;
  /** Unique within the article, Japanese kept as is: `定理の証明`, `定理の証明-2`. */
  id: string;
  text: string;
  /** The heading's inline content as HTML (formulas rendered), for tables of contents. */
  html: string;
}

/**
 * An equation that carries a number: `\tag{2.4}` or an automatic number from `\label`.
 * Only originals are listed; a restatement (`\tag{2.4}` again, `\tag{2.4、再掲}`) links to one.
 */
export interface Equation {
  /** What is shown between the parentheses: `2.4`. */
  number: string;
  /** Element id of its anchor in the article page: `eq-2.4`. */
  anchor: string;
  /** Its `\label{…}` names. */
  labels: string[];
}

/** What a theorem-like block is: 定義, 定理, 補題, 命題, 系, 例, 注意, or 証明. */
export type TheoremKind =
  'definition' | 'theorem' | 'lemma' | 'proposition' | 'corollary' | 'example' | 'remark' | 'proof';

/** A numbered theorem-like block (`:::定理 タイトル {#thm-amgm}`); proofs carry no number and are not listed. */
export interface Theorem {
  kind: TheoremKind;
  /** What a reference shows: `定理 2`, `補題 1.3`. */
  name: string;
  number: string;
  /** Its `{#…}` label, which is also its element id; absent when the author gave none. */
  label?: string;
}

/**
 * A reference the article could not resolve by itself, left for `linkEquationReferences`
 * once the series is known. In the HTML it is the stretch between `<!--eqref:ID-->`
 * and `<!--/eqref:ID-->`, which reads correctly (unlinked) even if never resolved.
 */
export type EquationRef =
  /** Prose `式 (1.3)`: the stretch `(1.3)` becomes a link. */
  | { id: number; kind: 'number'; number: string; location: SourceLocation }
  /** Prose `\eqref{name}` / `\ref{name}`: the stretch becomes a link showing the number. */
  | { id: number; kind: 'label'; label: string; style: 'eqref' | 'ref'; location: SourceLocation }
  /** Prose `@thm-amgm`: the stretch becomes a link showing `定理 2`. */
  | { id: number; kind: 'theorem'; label: string; location: SourceLocation }
  /**
   * A formula whose `\eqref`s or restated `\tag` point outside the article: it is
   * rendered again with the links found (the stretch is its HTML).
   */
  | {
      id: number;
      kind: 'formula';
      request: FormulaRequest;
      /** Labels its `\eqref`/`\ref` use that the article does not define. */
      labels: string[];
      /** Rows whose restated `\tag` repeats a number the article does not have. */
      restates?: { row: number; number: string }[];
    };

/** A link or image the author wrote into the site, as the page has it (base path applied). */
export interface InternalLink {
  kind: 'link' | 'image';
  href: string;
  location: SourceLocation;
}

/** What the build read of an image file of the site, for its `<img>`. */
export interface ImageFacts {
  width: number;
  height: number;
  /** Widths of the WebP variants made beside it (`variantPath`), narrowest first. */
  variants?: number[];
}

/** The site's image files an article may show, for its render (and its cache key). */
export interface ArticleImages {
  /** The article page's folder from the site's root, without the base path: `/posts/グラフ/`. */
  folder: string;
  /** By site path, decoded, without the base path: `/images/a.png`, `/posts/グラフ/graph.png`. */
  files: Readonly<Record<string, ImageFacts>>;
}

export interface RenderedArticle {
  article: Article;
  html: string;
  /** The excerpt as HTML (inline math rendered), about 120 characters, cut at a sentence or clause end. */
  excerptHtml: string;
  /** The same excerpt as plain text without formulas, for meta descriptions. */
  excerptText: string;
  headings: Heading[];
  equations: Equation[];
  /** Its numbered theorem-like blocks, in order; absent when none. */
  theorems?: Theorem[];
  /** References left for the site-wide step (other parts of the series); absent when none. */
  references?: EquationRef[];
  formulaCount: number;
  /**
   * Every class the body's HTML names, sorted: which of KaTeX's rules its page needs
   * (`render/katex-styles.ts`).
   */
  classNames: string[];
  /** Fenced code blocks in the body, which get a copy button from a script; absent when none. */
  codeBlocks?: number;
  /** Links and images into the site, for the build to check; absent when none. */
  links?: InternalLink[];
  /** Every element id in the body (headings, equations, notes): where links may point. */
  anchors?: string[];
  /** Characters a reader reads: prose, with each formula counted as a few characters and code left out. */
  readingLength: number;
  diagnostics: Diagnostic[];
}
