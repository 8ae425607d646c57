import type { SiteConfig } from '../config/index.js';
import {
  FEED_ENTRIES,
  atomFeed,
  robotsTxt,
  sitemapXml,
  type FeedEntry,
  type SitemapEntry,
} from '../output/index.js';
import type { SearchDocument } from '../search/index.js';
import { createDateFormatter, type DateFormatter } from '../render/index.js';
import { articleUrl } from '../site/index.js';
import type { Article, OutputFile, PageSpec, Site, SiteArticle } from '../model/index.js';

/** An article's rendered body. The build keeps bodies out of `Site` (in its cache), so it is asked for. */
export type ArticleBody = (article: SiteArticle) => Promise<string>;

/** The articles the Atom feed shows: the newest published ones. */
export function feedArticles(site: Site): SiteArticle[] {
  return site.articles.filter((article) => !article.rendered.article.draft).slice(0, FEED_ENTRIES);
}

/**
 * The Atom feed, made from the site graph as plain data for the output stage, which
 * knows nothing of `Site`. It reads the bodies of `feedArticles(site)` only.
 */
export async function feedFiles(
  site: Site,
  config: SiteConfig,
  articleBody: ArticleBody,
): Promise<OutputFile[]> {
  const dates = createDateFormatter(config.timeZone);
  const entries: FeedEntry[] = [];
  for (const article of feedArticles(site)) {
    entries.push(feedEntry(article, await articleBody(article), config, dates));
  }
  const feed = atomFeed(
    {
      title: config.title,
      ...(config.description ? { subtitle: config.description } : {}),
      language: config.language,
      homeUrl: absolute(config.basePath, config),
      feedUrl: absolute(`${config.basePath}feed.xml`, config),
      fallbackAuthor: config.title,
    },
    entries,
  );
  return [{ path: 'feed.xml', content: feed }];
}

/** `sitemap.xml` and the `robots.txt` that points to it. */
export function sitemapFiles(site: Site, config: SiteConfig): OutputFile[] {
  const dates = createDateFormatter(config.timeZone);
  const sitemapUrl = absolute(`${config.basePath}sitemap.xml`, config);
  return [
    { path: 'sitemap.xml', content: sitemapXml(sitemapEntries(site, config, dates)) },
    { path: 'robots.txt', content: robotsTxt(sitemapUrl) },
  ];
}

/**
 * What the sitemap is made from besides the config, in short: every page's URL and the
 * draft flags and dates of what it shows. Cheaper than the sitemap, so a rebuild can
 * tell whether it changed.
 */
export function sitemapInputs(site: Site): string {
  const parts: string[] = [];
  for (const spec of site.pages) {
    parts.push(spec.kind, spec.url);
    for (const article of shownArticles(spec)) {
      parts.push(`${article.rendered.article.draft ? 'd' : ''}${lastChange(article).getTime()}`);
    }
  }
  return parts.join(' ');
}

/**
 * The articles as the search index takes them, in the site's order. It needs no page,
 * only what an article's front matter says: the URL is the one `buildSite` gives it.
 */
export function searchDocuments(
  keyed: readonly { article: Article; key: string }[],
  config: SiteConfig,
): SearchDocument[] {
  const dates = createDateFormatter(config.timeZone);
  return keyed.map(({ article, key }) => ({
    source: article.sourcePath,
    key,
    urlKey: `${config.basePath}\u0000${article.slug}`,
    url: () => articleUrl(config, article),
    dateKey: `${config.timeZone} ${article.date.getTime()}`,
    date: () => dates(article.date).display,
  }));
}

function feedEntry(
  article: SiteArticle,
  body: string,
  config: SiteConfig,
  dates: DateFormatter,
): FeedEntry {
  const source = article.rendered.article;
  const summary = source.description ?? article.rendered.excerptText;
  return {
    url: absolute(article.url, config),
    title: source.title,
    published: dates(source.date).iso,
    updated: dates(lastChange(article)).iso,
    authors: article.authors.map((author) => ({
      name: author.name,
      url: absolute(author.url, config),
    })),
    categories: article.tags.map((tag) => tag.name),
    ...(summary ? { summary } : {}),
    contentHtml: body,
  };
}

/** Every page a search engine should know, with the newest change among what it shows. */
function sitemapEntries(site: Site, config: SiteConfig, dates: DateFormatter): SitemapEntry[] {
  const entries: SitemapEntry[] = [];
  for (const spec of site.pages) {
    const shown = shownArticles(spec).filter((article) => !article.rendered.article.draft);
    if (spec.kind === 'not-found' || spec.kind === 'search') continue;
    if (spec.kind === 'article' && spec.article.rendered.article.draft) continue;
    if (spec.kind !== 'index' && shown.length === 0) continue;
    const newest = shown.map(lastChange).sort((a, b) => b.getTime() - a.getTime())[0];
    entries.push({
      url: absolute(spec.url, config),
      ...(newest ? { lastModified: dates(newest).iso } : {}),
    });
  }
  return entries;
}

function shownArticles(spec: PageSpec): SiteArticle[] {
  switch (spec.kind) {
    case 'article':
      return [spec.article];
    case 'index':
    case 'tag':
    case 'author':
    case 'series':
      return spec.articles;
    default:
      return [];
  }
}

function lastChange(article: SiteArticle): Date {
  return article.rendered.article.updated ?? article.rendered.article.date;
}

/** A site path (base path included) as an absolute URL on the host of `baseUrl`. */
function absolute(url: string, config: SiteConfig): string {
  return new URL(url, config.baseUrl).href;
}
