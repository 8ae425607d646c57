import { describe, expect, test } from 'vitest';
import { robotsTxt, sitemapXml } from '../../src/output/index.js';

describe('the sitemap', () => {
  test('lists each page with its last change', () => {
    const xml = sitemapXml([
      { url: 'https://example.com/', lastModified: '2025-06-01T10:00:00+09:00' },
      { url: 'https://example.com/tags/a&b/' },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        '  <url><loc>https://example.com/</loc><lastmod>2025-06-01T10:00:00+09:00</lastmod></url>',
        '  <url><loc>https://example.com/tags/a&amp;b/</loc></url>',
        '</urlset>',
        '',
      ].join('\n'),
    );
  });
});

describe('robots.txt', () => {
  test('allows everything and names the sitemap', () => {
    expect(robotsTxt('https://example.com/blog/sitemap.xml')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://example.com/blog/sitemap.xml\n',
    );
  });
});
