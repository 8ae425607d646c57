// Helpers with no knowledge of sites or articles, for any stage.
export { escapeHtml } from './html.js';
export { chunks, inParallel, together } from './parallel.js';
