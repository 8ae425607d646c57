import { escapeXml } from './xml.js';

/** A public page: absolute URL and, when known, when its content last changed (RFC 3339). */
export interface SitemapEntry {
  url: string;
  lastModified?: string;
}

/** `sitemap.xml` (sitemaps.org 0.9) listing the pages in the order given. */
export function sitemapXml(entries: readonly SitemapEntry[]): string {
  const urls = entries.map(
    (entry) =>
      `  <url><loc>${escapeXml(entry.url)}</loc>` +
      (entry.lastModified ? `<lastmod>${escapeXml(entry.lastModified)}</lastmod>` : '') +
      '</url>',
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/**
 * `robots.txt`: everything may be crawled, and the sitemap is named. Crawlers read it
 * only at the root of a host, so under a base path it is there for hosts that serve
 * the site's folder as their root.
 */
export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}
