// Helpers with no knowledge of sites or articles, for any stage.
export { chunks, inParallel, together } from './parallel.js';
