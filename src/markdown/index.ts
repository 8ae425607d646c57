export type { Equation, Heading, RenderedArticle } from './types.js';
export type { MarkdownOptions, MarkdownRenderer } from './renderer.js';
export { createMarkdownRenderer } from './renderer.js';
export { slugifyHeading } from './rules/headings.js';
