export type { OutputFile } from './types.js';
export type { WriteReport } from './write-site.js';
export type { SiteWriter } from './site-writer.js';
export { writeSite } from './write-site.js';
export { openSiteWriter, writeInside } from './site-writer.js';
export { katexAssets, publicFiles } from './assets.js';
