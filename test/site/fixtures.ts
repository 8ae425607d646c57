import type { SiteConfig } from '../../src/config/types.js';
import type { RenderedArticle } from '../../src/model/index.js';

export interface ArticleFixture {
  slug: string;
  /** `2025-05-20`, read as midnight JST. */
  date: string;
  title?: string;
  tags?: string[];
  authors?: string[];
  series?: string;
  part?: number;
  readingLength?: number;
}

export function rendered(fixture: ArticleFixture): RenderedArticle {
  const title = fixture.title ?? `${fixture.slug}について`;
  return {
    article: {
      sourcePath: `content/${fixture.slug}.md`,
      sourceText: `---\ntitle: ${title}\n---\n本文\n`,
      slug: fixture.slug,
      title,
      date: new Date(`${fixture.date}T00:00:00+09:00`),
      tags: fixture.tags ?? [],
      authors: fixture.authors ?? [],
      ...(fixture.series === undefined ? {} : { series: fixture.series }),
      ...(fixture.part === undefined ? {} : { part: fixture.part }),
      draft: false,
      macros: {},
      body: '本文\n',
      bodyLine: 4,
    },
    html: '<p>本文</p>\n',
    classNames: [],
    excerptHtml: '本文',
    excerptText: '本文',
    headings: [],
    equations: [],
    formulaCount: 0,
    readingLength: fixture.readingLength ?? 100,
    diagnostics: [],
  };
}

export function siteConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    title: '数学ノート',
    description: '数式のあるブログ',
    baseUrl: 'https://example.com/',
    basePath: '/',
    language: 'ja',
    timeZone: 'Asia/Tokyo',
    authors: {},
    menu: [],
    postsPerPage: 10,
    readMoreCount: 3,
    macros: {},
    math: { markdownEscapes: false },
    markdown: { breaks: false },
    theorems: { numberWithin: 'article' },
    readingSpeed: 500,
    ...overrides,
  };
}

/** The article slugs of a list, for readable assertions. */
export function slugs(articles: readonly { slug: string }[]): string[] {
  return articles.map((article) => article.slug);
}
