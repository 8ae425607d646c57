export { inMemory, outputFileBytes } from './output-file.js';
export type { SiteWriter } from './site-writer.js';
export {
  openSiteWriter,
  recoverInterruptedSwap,
  removeScratchFolders,
  writeInside,
} from './site-writer.js';
export {
  lockOutputFolder,
  OutputFolderBusy,
  type LockHolder,
  type OutputLock,
} from './output-lock.js';
export { isWriteFailure, writeFailure } from './write-failure.js';
export { katexAssets, publicFiles } from './assets.js';
export { FEED_ENTRIES, atomFeed, feedContentHtml } from './feed.js';
export type { FeedChannel, FeedEntry, FeedPerson } from './feed.js';
export { robotsTxt, sitemapXml, type SitemapEntry } from './sitemap.js';
export { plainText as searchText } from './search-text.js';
