import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../../src/config/types.js';
import type { Heading, RenderedArticle } from '../../src/model/index.js';
import { classNamesIn } from '../../src/util/index.js';
import type { PageSpec, Pagination, Site, SiteArticle } from '../../src/model/index.js';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export function siteConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    title: '数学ノート',
    description: '大学数学をゆっくり読むブログ',
    baseUrl: 'https://example.com/',
    basePath: '/',
    language: 'ja',
    timeZone: 'Asia/Tokyo',
    authors: { tanaka: { name: '田中 太郎', bio: '解析学が好きです。' } },
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

export interface ArticleFixture {
  slug: string;
  title: string;
  date: string;
  basePath?: string;
  updated?: string;
  tags?: string[];
  authors?: { id: string; name: string; bio?: string }[];
  description?: string;
  draft?: boolean;
  html?: string;
  excerptHtml?: string;
  excerptText?: string;
  /** `html` defaults to the text, escaped as the markdown stage would. */
  headings?: (Omit<Heading, 'html'> & { html?: string })[];
  readingMinutes?: number;
}

const encode = (name: string) => encodeURIComponent(name);

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A placed article; neighbours, series and read-more are linked by the test. */
export function siteArticle(fixture: ArticleFixture): SiteArticle {
  const base = fixture.basePath ?? '/';
  const rendered: RenderedArticle = {
    article: {
      sourcePath: `content/${fixture.slug}.md`,
      sourceText: '',
      slug: fixture.slug,
      title: fixture.title,
      date: new Date(fixture.date),
      updated: fixture.updated ? new Date(fixture.updated) : undefined,
      tags: fixture.tags ?? [],
      authors: (fixture.authors ?? []).map((author) => author.id),
      description: fixture.description,
      draft: fixture.draft ?? false,
      macros: {},
      body: '',
      bodyLine: 1,
    },
    html: fixture.html ?? '<p>本文です。</p>',
    classNames: classNamesIn(fixture.html ?? ''),
    excerptHtml: fixture.excerptHtml ?? '<p>抜粋です。</p>',
    excerptText: fixture.excerptText ?? '抜粋です。',
    headings: (fixture.headings ?? []).map((heading) => ({
      html: escapeHtml(heading.text),
      ...heading,
    })),
    equations: [],
    formulaCount: 0,
    readingLength: 1000,
    diagnostics: [],
  };
  return {
    rendered,
    slug: fixture.slug,
    url: `${base}posts/${encode(fixture.slug)}/`,
    authors: (fixture.authors ?? []).map((author) => ({
      ...author,
      url: `${base}authors/${encode(author.id)}/`,
    })),
    tags: (fixture.tags ?? []).map((name) => ({ name, url: `${base}tags/${encode(name)}/` })),
    readingMinutes: fixture.readingMinutes ?? 2,
    seriesParts: [],
    readMore: [],
  };
}

/** Links a newest-first list as the site stage would: newer/older neighbours. */
export function chain(articles: SiteArticle[]): SiteArticle[] {
  articles.forEach((article, index) => {
    const newer = articles[index - 1];
    const older = articles[index + 1];
    if (newer) article.newer = newer;
    if (older) article.older = older;
  });
  return articles;
}

export function site(articles: SiteArticle[], pages: PageSpec[] = []): Site {
  const tags = [...new Map(articles.flatMap((a) => a.tags).map((t) => [t.name, t])).values()];
  const authors = [...new Map(articles.flatMap((a) => a.authors).map((a) => [a.id, a])).values()];
  return { articles, tags, authors, pages };
}

/** The pagination of a list that fits on one page. */
export function onePage(articleCount: number): Pagination {
  return { current: 1, total: 1, articleCount };
}

export function articlePage(article: SiteArticle): PageSpec {
  return { kind: 'article', path: `posts/${article.slug}/index.html`, url: article.url, article };
}

/** A newer, a middle and an older article, linked as neighbours; the middle one reads on to the others. */
export function threeArticles(basePath = '/'): [SiteArticle, SiteArticle, SiteArticle] {
  const author = { id: 'tanaka', name: '田中 太郎' };
  const newer = siteArticle({
    slug: '指数',
    title: '指数関数とその逆関数',
    date: '2025-06-01T01:00:00Z',
    basePath,
    authors: [author],
  });
  const middle = siteArticle({
    slug: '対数',
    title: '自然対数の定義',
    // 19:30 UTC is already the next day in Tokyo.
    date: '2025-05-19T19:30:00Z',
    basePath,
    tags: ['対数', '解析'],
    authors: [author],
    readingMinutes: 7,
    headings: [
      { level: 2, id: '定義', text: '定義' },
      { level: 3, id: '補題', text: '補題' },
      { level: 2, id: 'まとめ', text: 'まとめ' },
    ],
  });
  const older = siteArticle({
    slug: '実数',
    title: '実数の連続性',
    date: '2025-04-01T01:00:00Z',
    basePath,
    tags: ['解析'],
  });
  chain([newer, middle, older]);
  middle.readMore = [older, newer];
  return [newer, middle, older];
}
