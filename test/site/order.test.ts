import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/index.js';
import { rendered, siteConfig, slugs } from './fixtures.js';

describe('site order', () => {
  it('lists articles newest first', () => {
    const site = buildSite(
      [
        rendered({ slug: '極限', date: '2025-01-10' }),
        rendered({ slug: '対数', date: '2025-03-01' }),
        rendered({ slug: '微分', date: '2025-02-14' }),
      ],
      siteConfig(),
    );
    expect(slugs(site.articles)).toEqual(['対数', '微分', '極限']);
  });

  it('breaks a date tie by slug', () => {
    const site = buildSite(
      [rendered({ slug: 'b', date: '2025-01-10' }), rendered({ slug: 'a', date: '2025-01-10' })],
      siteConfig(),
    );
    expect(slugs(site.articles)).toEqual(['a', 'b']);
  });

  it('links each article to the next newer and the next older one', () => {
    const site = buildSite(
      [
        rendered({ slug: '極限', date: '2025-01-10' }),
        rendered({ slug: '対数', date: '2025-03-01' }),
        rendered({ slug: '微分', date: '2025-02-14' }),
      ],
      siteConfig(),
    );
    const [newest, middle, oldest] = site.articles;
    expect(newest!.newer).toBeUndefined();
    expect(newest!.older).toBe(middle);
    expect(middle!.newer).toBe(newest);
    expect(middle!.older).toBe(oldest);
    expect(oldest!.newer).toBe(middle);
    expect(oldest!.older).toBeUndefined();
  });
});

describe('reading time', () => {
  it('rounds up to whole minutes at the configured speed', () => {
    const site = buildSite(
      [
        rendered({ slug: 'a', date: '2025-01-03', readingLength: 500 }),
        rendered({ slug: 'b', date: '2025-01-02', readingLength: 501 }),
        rendered({ slug: 'c', date: '2025-01-01', readingLength: 1499 }),
      ],
      siteConfig({ readingSpeed: 500 }),
    );
    expect(site.articles.map((article) => article.readingMinutes)).toEqual([1, 2, 3]);
  });

  it('is at least one minute, even for an empty article', () => {
    const site = buildSite(
      [rendered({ slug: 'a', date: '2025-01-01', readingLength: 0 })],
      siteConfig(),
    );
    expect(site.articles[0]!.readingMinutes).toBe(1);
  });
});
