export type { OutputFile } from './types.js';
export type { WriteReport } from './write-site.js';
export { writeSite } from './write-site.js';
export { katexAssets, publicFiles } from './assets.js';
