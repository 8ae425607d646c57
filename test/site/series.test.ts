import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/index.js';
import { rendered, siteConfig, slugs } from './fixtures.js';
import type { Site } from '../../src/model/index.js';

const SERIES = '指数関数と対数';

function seriesPage(site: Site) {
  const page = site.pages.find((candidate) => candidate.kind === 'series');
  if (page?.kind !== 'series') throw new Error('no series page');
  return page;
}

describe('series', () => {
  it('orders parts by part number, whatever their dates', () => {
    const site = buildSite(
      [
        rendered({ slug: '対数', date: '2025-01-01', series: SERIES, part: 2 }),
        rendered({ slug: '指数関数', date: '2025-02-01', series: SERIES, part: 1 }),
      ],
      siteConfig(),
    );
    expect(slugs(seriesPage(site).articles)).toEqual(['指数関数', '対数']);
  });

  it('orders parts without a number oldest first', () => {
    const site = buildSite(
      [
        rendered({ slug: '対数', date: '2025-02-01', series: SERIES }),
        rendered({ slug: '指数関数', date: '2025-01-01', series: SERIES }),
      ],
      siteConfig(),
    );
    expect(slugs(seriesPage(site).articles)).toEqual(['指数関数', '対数']);
  });

  it('puts numbered parts before unnumbered ones', () => {
    const site = buildSite(
      [
        rendered({ slug: '補遺', date: '2025-01-01', series: SERIES }),
        rendered({ slug: '対数', date: '2025-03-01', series: SERIES, part: 2 }),
        rendered({ slug: '指数関数', date: '2025-02-01', series: SERIES, part: 1 }),
      ],
      siteConfig(),
    );
    expect(slugs(seriesPage(site).articles)).toEqual(['指数関数', '対数', '補遺']);
  });

  it('tells each part its position, the total and the other parts', () => {
    const site = buildSite(
      [
        rendered({ slug: '指数関数', date: '2025-01-01', series: SERIES, part: 1 }),
        rendered({ slug: '対数', date: '2025-01-08', series: SERIES, part: 5 }),
        rendered({ slug: '雑記', date: '2025-01-04' }),
      ],
      siteConfig({ basePath: '/blog/' }),
    );
    const [taisu, zakki, shisu] = site.articles;
    const url = `/blog/series/${encodeURIComponent(SERIES)}/`;
    expect(shisu!.series).toEqual({ name: SERIES, url, part: 1, total: 2 });
    expect(taisu!.series).toEqual({ name: SERIES, url, part: 2, total: 2 });
    expect(slugs(taisu!.seriesParts)).toEqual(['指数関数', '対数']);
    expect(zakki!.series).toBeUndefined();
    expect(zakki!.seriesParts).toEqual([]);
    expect(seriesPage(site)).toMatchObject({
      path: `series/${SERIES}/index.html`,
      url,
      series: { name: SERIES, url },
    });
  });
});

describe('tags', () => {
  const site = buildSite(
    [
      rendered({ slug: '対数', date: '2025-03-01', tags: ['解析', '代数'] }),
      rendered({ slug: '微分', date: '2025-02-01', tags: ['解析', '解析'] }),
      rendered({ slug: '極限', date: '2025-01-01', tags: ['位相'] }),
    ],
    siteConfig(),
  );

  it('are sorted by name in Japanese order', () => {
    const names = ['解析', '代数', '位相'].sort((a, b) => a.localeCompare(b, 'ja'));
    expect(site.tags.map((tag) => tag.name)).toEqual(names);
  });

  it('each get a page listing their articles newest first', () => {
    const pages = site.pages.flatMap((page) =>
      page.kind === 'tag' ? [[page.tag.name, slugs(page.articles)]] : [],
    );
    expect(Object.fromEntries(pages)).toEqual({
      解析: ['対数', '微分'],
      代数: ['対数'],
      位相: ['極限'],
    });
  });

  it('share one reference between the site list and each article', () => {
    const kaiseki = site.tags.find((tag) => tag.name === '解析');
    expect(site.articles[0]!.tags[0]).toBe(kaiseki);
    expect(site.articles[1]!.tags).toEqual([kaiseki]);
  });
});
