// Helpers with no knowledge of sites or articles, for any stage.
export { classNamesIn, escapeHtml } from './html.js';
export { chunks, inParallel, together } from './parallel.js';
export { woff2Only } from './katex-fonts.js';
