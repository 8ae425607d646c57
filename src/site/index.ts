export { buildSite, createSiteBuilder } from './build-site.js';
export { compareNewestFirst } from './order.js';
export { tagNamesOf } from './tags.js';
export { readingMinutes } from './reading-time.js';
export { nameSlug, safeSegment } from './segments.js';
export { articleUrl, fileUrlFor, pagePathFor, urlFor } from './urls.js';
export { articleLinks, brokenLinks, type LinkToCheck } from './links.js';
