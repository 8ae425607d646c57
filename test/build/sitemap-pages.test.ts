import { describe, expect, it } from 'vitest';
import { sitemapFiles } from '../../src/pipeline/site-files.js';
import { buildSite } from '../../src/site/index.js';
import { rendered, siteConfig } from '../site/fixtures.js';

const KAISEKI = '%E8%A7%A3%E6%9E%90';

/** The sitemap's `<loc>` → `<lastmod>` (empty when none). */
function sitemapOf(...args: Parameters<typeof buildSite>): Map<string, string> {
  const files = sitemapFiles(buildSite(...args), args[1]);
  const sitemap = files.find((file) => file.path === 'sitemap.xml');
  const xml = sitemap && 'content' in sitemap ? Buffer.from(sitemap.content).toString('utf8') : '';
  return new Map(
    [...xml.matchAll(/<url><loc>([^<]*)<\/loc>(?:<lastmod>([^<]*)<\/lastmod>)?<\/url>/g)].map(
      (match) => [match[1]!, match[2] ?? ''],
    ),
  );
}

describe('the sitemap of a site with tag and author pages cut into pages', () => {
  // 記事1 is the oldest but was updated last: only the page that shows it changed then.
  const articles = [1, 2, 3].map((n) =>
    rendered({ slug: `記事${n}`, date: `2025-01-0${n}`, tags: ['解析'], authors: ['sato'] }),
  );
  articles[0]!.article.updated = new Date('2025-03-01T00:00:00+09:00');
  const config = siteConfig({ postsPerPage: 2, authors: { sato: { name: '佐藤 葵' } } });

  it('lists every page of a tag and of an author, each with the newest change it shows', async () => {
    const sitemap = sitemapOf(articles, config);
    expect(sitemap.get(`https://example.com/tags/${KAISEKI}/`)).toBe('2025-01-03T00:00:00+09:00');
    expect(sitemap.get(`https://example.com/tags/${KAISEKI}/page/2/`)).toBe(
      '2025-03-01T00:00:00+09:00',
    );
    expect(sitemap.get('https://example.com/authors/sato/')).toBe('2025-01-03T00:00:00+09:00');
    expect(sitemap.get('https://example.com/authors/sato/page/2/')).toBe(
      '2025-03-01T00:00:00+09:00',
    );
    expect(sitemap.has(`https://example.com/tags/${KAISEKI}/page/3/`)).toBe(false);
  });
});
