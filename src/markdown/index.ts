export { variantPath } from './rules/images.js';
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
// Japanese typesetting of a rendered article, applied once when it is rendered, and the
// phrase breaks that the page templates use for titles too.
export { focusableDisplays, typesetArticle, typesetResolutions } from './typeset.js';
export { inlinePhraseBreaks, phraseBreaks } from './phrases.js';
