import type { Article } from '../content/types.js';
import type { Diagnostic } from '../diagnostics/index.js';

export interface Heading {
  level: number;
  /** Unique within the article, Japanese kept as is: `定理の証明`, `定理の証明-2`. */
  id: string;
  text: string;
  /** The heading's inline content as HTML (formulas rendered), for tables of contents. */
  html: string;
}

/** An equation that carries a number: `\tag{2.4}` or an automatic number from `\label`. */
export interface Equation {
  /** What is shown between the parentheses: `2.4`. */
  number: string;
  /** Element id of its anchor in the article page: `eq-2.4`. */
  anchor: string;
  label?: string;
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
  formulaCount: number;
  /** Characters a reader reads: prose, with each formula counted as a few characters and code left out. */
  readingLength: number;
  diagnostics: Diagnostic[];
}
