export type { Equation, EquationRef, Heading, RenderedArticle } from './types.js';
export type { MarkdownOptions, MarkdownRenderer } from './renderer.js';
export { createMarkdownRenderer } from './renderer.js';
export { slugifyHeading } from './rules/headings.js';
export type {
  LinkableArticle,
  LinkablePart,
  ReferenceResolution,
  ReferenceResolutions,
} from './references.js';
export {
  applyEquationLinks,
  linkEquationReferences,
  resolveEquationReferences,
} from './references.js';
