import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/index.js';
import { rendered, siteConfig, slugs } from './fixtures.js';
import type { Site } from '../../src/model/index.js';

function readMoreOf(site: Site, slug: string): string[] {
  return slugs(site.articles.find((article) => article.slug === slug)!.readMore);
}

const SERIES = '指数関数と対数';

describe('Read more', () => {
  const site = buildSite(
    [
      rendered({ slug: '指数関数', date: '2025-01-01', tags: ['解析'], series: SERIES, part: 1 }),
      rendered({
        slug: '対数',
        date: '2025-01-08',
        tags: ['解析', '代数'],
        series: SERIES,
        part: 2,
      }),
      rendered({ slug: '級数', date: '2025-02-01', tags: ['解析', '代数'] }),
      rendered({ slug: '積分', date: '2025-03-01', tags: ['解析'] }),
      rendered({ slug: '群論', date: '2025-04-01', tags: ['代数'] }),
      rendered({ slug: '雑記', date: '2025-05-01' }),
    ],
    siteConfig({ readMoreCount: 3 }),
  );

  it('prefers the other part of the series', () => {
    expect(readMoreOf(site, '指数関数')[0]).toBe('対数');
    expect(readMoreOf(site, '対数')[0]).toBe('指数関数');
  });

  it('then prefers articles sharing more tags', () => {
    // 級数 shares 解析 and 代数 with 対数; 積分 and 群論 share one tag, 積分 is older.
    expect(readMoreOf(site, '対数')).toEqual(['指数関数', '級数', '群論']);
  });

  it('then fills up with the newest articles', () => {
    expect(readMoreOf(site, '雑記')).toEqual(['群論', '積分', '級数']);
  });

  it('never recommends the article itself', () => {
    for (const article of site.articles) expect(article.readMore).not.toContain(article);
  });

  it('shows fewer cards when there are fewer other articles', () => {
    const small = buildSite(
      [rendered({ slug: 'a', date: '2025-01-01' }), rendered({ slug: 'b', date: '2025-01-02' })],
      siteConfig({ readMoreCount: 3 }),
    );
    expect(readMoreOf(small, 'a')).toEqual(['b']);
    expect(readMoreOf(small, 'b')).toEqual(['a']);
  });

  it('shows no cards when the count is 0', () => {
    const none = buildSite(
      [rendered({ slug: 'a', date: '2025-01-01' }), rendered({ slug: 'b', date: '2025-01-02' })],
      siteConfig({ readMoreCount: 0 }),
    );
    expect(none.articles.every((article) => article.readMore.length === 0)).toBe(true);
  });

  it('breaks ties between equally related articles by date, newest first, then slug', () => {
    const ties = buildSite(
      [
        rendered({ slug: 'me', date: '2025-01-01', tags: ['解析'] }),
        rendered({ slug: 'b', date: '2025-02-01', tags: ['解析'] }),
        rendered({ slug: 'a', date: '2025-02-01', tags: ['解析'] }),
        rendered({ slug: 'c', date: '2025-03-01', tags: ['解析'] }),
      ],
      siteConfig({ readMoreCount: 3 }),
    );
    expect(readMoreOf(ties, 'me')).toEqual(['c', 'a', 'b']);
  });

  it('picks exactly what ranking every other article one by one would pick, on any site', () => {
    const sites = fc.array(
      fc.record({
        tags: fc.uniqueArray(fc.constantFrom('解析', '代数', '幾何', '確率', '数論'), {
          maxLength: 3,
        }),
        series: fc.option(fc.constantFrom('極限の話', '群の話'), { nil: undefined }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(sites, fc.integer({ min: 0, max: 5 }), (specs, count) => {
        const site = buildSite(
          specs.map((spec, index) =>
            rendered({
              slug: `記事${index}`,
              date: `2025-01-${String((index % 28) + 1).padStart(2, '0')}`,
              tags: spec.tags,
              ...(spec.series ? { series: spec.series, part: index + 1 } : {}),
            }),
          ),
          siteConfig({ readMoreCount: count }),
        );
        for (const article of site.articles) {
          const own = new Set(article.tags.map((tag) => tag.name));
          const ranked = site.articles
            .map((other, index) => ({
              other,
              index,
              series: article.series && other.series?.name === article.series.name ? 1 : 0,
              shared: other.tags.filter((tag) => own.has(tag.name)).length,
            }))
            .filter(({ other }) => other !== article)
            .sort((a, b) => b.series - a.series || b.shared - a.shared || a.index - b.index)
            .slice(0, count)
            .map(({ other }) => other.slug);
          expect(slugs(article.readMore)).toEqual(ranked);
        }
      }),
      { numRuns: 300 },
    );
  });
});
