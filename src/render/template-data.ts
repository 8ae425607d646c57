import { createHash } from 'node:crypto';
import type { SiteConfig } from '../config/index.js';
import type { RenderedArticle } from '../model/index.js';
import type { AuthorRef, PageSpec, Pagination, Site, SiteArticle } from '../model/index.js';
import { createDateFormatter, yearIn, type DateFormatter } from './dates.js';
import { coverUrl, menuUrl, menuView } from './menu.js';
import type { AuthorView, PageView, SiteView, TagCountView, TemplateData } from './model.js';
import { classNamesIn } from '../util/index.js';
import { katexStylesFor, katexStylesheet } from './katex-styles.js';
import { blogPosting, scriptSafeJson, webSite } from './structured-data.js';
import { articleDescription, articleView, cardView, linkView } from './views.js';

/** The image shared with pages that have no `cover`; `public/assets/og-image.png`, replaceable. */
export const DEFAULT_IMAGE = 'assets/og-image.png';

/** The plain, acyclic objects a page's template sees; see `model.ts`. */
export function buildTemplateData(spec: PageSpec, site: Site, config: SiteConfig): TemplateData {
  const dates = createDateFormatter(config.timeZone);
  const data: TemplateData = {
    site: siteView(spec, site, config),
    page: pageView(spec, config, dates),
  };
  switch (spec.kind) {
    case 'index':
      data.articles = spec.articles.map((article) => cardView(article, dates));
      data.pagination = { ...spec.pagination };
      break;
    case 'article':
      data.article = articleView(spec.article, dates);
      data.article.authorProfiles = spec.article.authors.map((author) =>
        authorView(author, config.basePath),
      );
      break;
    case 'tag':
      data.tag = linkView(spec.tag);
      data.articles = spec.articles.map((article) => cardView(article, dates));
      data.pagination = { ...spec.pagination };
      break;
    case 'author':
      data.author = authorView(spec.author, config.basePath);
      data.articles = spec.articles.map((article) => cardView(article, dates));
      data.pagination = { ...spec.pagination };
      break;
    case 'series':
      data.series = { name: spec.series.name, url: spec.series.url };
      data.articles = spec.articles.map((article) => cardView(article, dates));
      break;
    case 'search':
      data.tags = tagCounts(site);
      break;
    case 'not-found':
      break;
  }
  return data;
}

/**
 * What a card shows of an article's rendered summary, hashed once per summary: a list
 * page names dozens of cards, each with its excerpt's KaTeX, and a builder hands the same
 * summary objects to every build until their article changes.
 */
const summaryCards = new WeakMap<RenderedArticle, string>();

function summaryCard(rendered: RenderedArticle): string {
  let known = summaryCards.get(rendered);
  if (known === undefined) {
    const { title, date, draft } = rendered.article;
    known = createHash('sha1')
      .update(JSON.stringify([title, date.getTime(), draft, rendered.excerptHtml]))
      .digest('base64');
    summaryCards.set(rendered, known);
  }
  return known;
}

/**
 * An article's place on a page, by `SiteArticle`: a builder that keeps running gives the
 * same one new renders only while its URL, authors, tags and series stay as they were
 * (`createSiteBuilder`), so the render is checked (the reading time follows from it).
 */
const places = new WeakMap<SiteArticle, { rendered: RenderedArticle; place: string }>();

/**
 * What `buildTemplateData(spec, site, config)` is made from, as a few short strings, for a
 * given config: the page's own place in the site and what it shows of each article (its
 * card: title, date, excerpt, URL, authors, tags, reading time). An article page also
 * shows the rest of its own summary, which the caller names by the article's key. A rebuild
 * compares these instead of the data, which for thousands of pages costs more than
 * rendering what changed; an edit below an article's excerpt changes no other page.
 * Whatever `buildTemplateData` reads from `site` must be named here.
 */
export function templateDataKeyer(site: Site): (spec: PageSpec) => string[] {
  const place = (article: SiteArticle): string => {
    const known = places.get(article);
    if (known?.rendered === article.rendered) return known.place;
    const made = JSON.stringify([
      summaryCard(article.rendered),
      article.url,
      article.readingMinutes,
      article.authors.map((author) => [author.name, author.url]),
      article.tags.map((tag) => [tag.name, tag.url]),
      article.series?.part ?? null,
    ]);
    places.set(article, { rendered: article.rendered, place: made });
    return made;
  };
  // The footer's copyright year is the newest article's.
  const newest = site.articles[0] ? place(site.articles[0]) : '';
  return (spec) => {
    const parts = [spec.kind, spec.path, spec.url, newest];
    switch (spec.kind) {
      case 'index':
        parts.push(JSON.stringify(spec.pagination), ...spec.articles.map(place));
        break;
      case 'article': {
        const { article } = spec;
        parts.push(
          place(article),
          // The author box shows each author's bio and picture.
          JSON.stringify(article.authors),
          JSON.stringify(article.series ?? null),
          'parts',
          ...article.seriesParts.map(place),
          'older',
          article.older ? place(article.older) : '',
          'newer',
          article.newer ? place(article.newer) : '',
          'more',
          ...article.readMore.map(place),
        );
        break;
      }
      case 'tag':
        parts.push(
          spec.tag.name,
          spec.tag.url,
          JSON.stringify(spec.pagination),
          ...spec.articles.map(place),
        );
        break;
      case 'author':
        parts.push(
          JSON.stringify(spec.author),
          JSON.stringify(spec.pagination),
          ...spec.articles.map(place),
        );
        break;
      case 'series':
        parts.push(spec.series.name, spec.series.url, ...spec.articles.map(place));
        break;
      case 'search':
        parts.push(JSON.stringify(tagCounts(site)));
        break;
      case 'not-found':
        break;
    }
    return parts;
  };
}

function siteView(spec: PageSpec, site: Site, config: SiteConfig): SiteView {
  const { basePath } = config;
  const newest = site.articles[0];
  return {
    title: config.title,
    description: config.description,
    language: config.language,
    basePath,
    baseUrl: withTrailingSlash(config.baseUrl),
    homeUrl: basePath,
    menu: menuView(config.menu, basePath, spec.url),
    feedUrl: `${basePath}feed.xml`,
    searchUrl: `${basePath}search/`,
    searchIndexUrl: `${basePath}search-index/`,
    searchScriptUrl: `${basePath}assets/search/search.js`,
    stylesheetUrl: `${basePath}assets/style.css`,
    katexStylesheetUrl: `${basePath}assets/katex/katex.min.css`,
    codeCopyScriptUrl: `${basePath}assets/code-copy.js`,
    preloadFontUrls: showsMath(spec)
      ? ['KaTeX_Main-Regular', 'KaTeX_Math-Italic'].map(
          (font) => `${basePath}assets/katex/fonts/${font}.woff2`,
        )
      : [],
    iconUrl: `${basePath}assets/favicon.svg`,
    locale: ogLocale(config.language),
    // 0 when the site has no article yet: the footer then shows no year.
    copyrightYear: newest ? yearIn(config.timeZone, newest.rendered.article.date) : 0,
  };
}

/**
 * Every tag with its number of articles, most used first: the search page offers them as
 * a way onward that needs no JavaScript.
 */
function tagCounts(site: Site): TagCountView[] {
  const counts = new Map<string, number>();
  for (const article of site.articles) {
    for (const tag of article.tags) counts.set(tag.url, (counts.get(tag.url) ?? 0) + 1);
  }
  return site.tags
    .map((tag) => ({ ...linkView(tag), count: counts.get(tag.url) ?? 0 }))
    .filter((tag) => tag.count > 0)
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function authorView(author: AuthorRef, basePath: string): AuthorView {
  return {
    ...linkView(author),
    ...(author.bio ? { bio: author.bio } : {}),
    ...(author.avatar ? { avatarUrl: menuUrl(author.avatar, basePath) } : {}),
  };
}

/** Whether the page shows a formula: in an article's body, or in the excerpts of a list. */
function showsMath(spec: PageSpec): boolean {
  switch (spec.kind) {
    case 'article':
      return spec.article.rendered.formulaCount > 0;
    case 'index':
    case 'tag':
    case 'author':
    case 'series':
      return spec.articles.some((article) =>
        article.rendered.excerptHtml.includes('class="katex"'),
      );
    default:
      return false;
  }
}

/**
 * The classes of what the page shows that may hold a formula: an article's body and the
 * excerpts of the cards it lists (an article page's あわせて読みたい among them).
 */
function classesShown(spec: PageSpec): Set<string> {
  const classes = new Set<string>();
  const cards =
    spec.kind === 'article' ? spec.article.readMore : 'articles' in spec ? spec.articles : [];
  if (spec.kind === 'article')
    for (const name of spec.article.rendered.classNames) classes.add(name);
  for (const card of cards) for (const name of excerptClassNames(card.rendered)) classes.add(name);
  return classes;
}

/** The classes of each article's excerpt, found once: a card is shown on many pages. */
const excerptClasses = new WeakMap<RenderedArticle, readonly string[]>();

function excerptClassNames(rendered: RenderedArticle): readonly string[] {
  let names = excerptClasses.get(rendered);
  if (!names) {
    names = classNamesIn(rendered.excerptHtml);
    excerptClasses.set(rendered, names);
  }
  return names;
}

function pageView(spec: PageSpec, config: SiteConfig, dates: DateFormatter): PageView {
  const canonical = absoluteUrl(spec.url, config);
  const description = pageDescription(spec, config);
  const cover = spec.kind === 'article' ? spec.article.rendered.article.cover : undefined;
  const imageUrl = cover
    ? absoluteUrl(coverUrl(cover, spec.kind === 'article' ? spec.url : '', config.basePath), config)
    : absoluteUrl(`${config.basePath}${DEFAULT_IMAGE}`, config);
  const view: PageView = {
    kind: spec.kind,
    url: spec.url,
    canonicalUrl: canonical,
    title: pageTitle(spec, config.title),
    heading: pageHeading(spec, config.title),
    description,
    noindex:
      spec.kind === 'not-found' ||
      spec.kind === 'search' ||
      (spec.kind === 'article' && spec.article.rendered.article.draft),
    type: spec.kind === 'article' ? 'article' : 'website',
    showsMath: showsMath(spec),
    katexStyles: showsMath(spec)
      ? katexStylesFor(
          katexStylesheet(),
          classesShown(spec),
          `${config.basePath}assets/katex/fonts/`,
        )
      : '',
    imageUrl,
    structuredDataHtml: '',
  };
  if (spec.kind === 'article') {
    const { article } = spec.article.rendered;
    const published = dates(article.date).iso;
    view.structuredDataHtml = scriptSafeJson(
      blogPosting({
        headline: article.title,
        description,
        url: canonical,
        imageUrl,
        datePublished: published,
        dateModified: article.updated ? dates(article.updated).iso : published,
        authors: spec.article.authors.map((author) => ({
          name: author.name,
          url: absoluteUrl(author.url, config),
        })),
        keywords: spec.article.tags.map((tag) => tag.name),
        language: config.language,
        siteName: config.title,
        siteUrl: absoluteUrl(config.basePath, config),
      }),
    );
  } else if (spec.kind === 'index' && spec.pagination.current === 1) {
    view.structuredDataHtml = scriptSafeJson(
      webSite({
        name: config.title,
        description: config.description,
        url: canonical,
        language: config.language,
        searchUrl: absoluteUrl(`${config.basePath}search/`, config),
      }),
    );
  }
  return view;
}

/** The page's name without the site's: what a link preview shows as its title. */
function pageHeading(spec: PageSpec, siteTitle: string): string {
  if (spec.kind === 'article') return spec.article.rendered.article.title;
  if (spec.kind === 'index' && spec.pagination.current === 1) return siteTitle;
  return pageTitle(spec, siteTitle).replace(/ \| [^|]*$/, '');
}

/** `og:locale` is language_TERRITORY; the common territory of a language when only the language is known. */
function ogLocale(language: string): string {
  const [lang = '', region] = language.split(/[-_]/);
  if (region) return `${lang.toLowerCase()}_${region.toUpperCase()}`;
  return LOCALES[lang.toLowerCase()] ?? lang.toLowerCase();
}

const LOCALES: Readonly<Record<string, string>> = {
  ja: 'ja_JP',
  en: 'en_US',
  zh: 'zh_CN',
  ko: 'ko_KR',
  fr: 'fr_FR',
  de: 'de_DE',
  es: 'es_ES',
};

export function pageTitle(spec: PageSpec, siteTitle: string): string {
  switch (spec.kind) {
    case 'index':
      return `${siteTitle}${pageNumber(spec.pagination)}`;
    case 'article':
      return `${spec.article.rendered.article.title} | ${siteTitle}`;
    case 'tag':
      return `タグ「${spec.tag.name}」の記事${pageNumber(spec.pagination)} | ${siteTitle}`;
    case 'author':
      return `${spec.author.name} の記事${pageNumber(spec.pagination)} | ${siteTitle}`;
    case 'series':
      return `シリーズ「${spec.series.name}」 | ${siteTitle}`;
    case 'not-found':
      return `ページが見つかりません | ${siteTitle}`;
    case 'search':
      return `検索 | ${siteTitle}`;
  }
}

/** `（2ページ目）` after the name of a list's later pages; nothing on its first. */
function pageNumber(pagination: Pagination): string {
  return pagination.current > 1 ? `（${pagination.current}ページ目）` : '';
}

function pageDescription(spec: PageSpec, config: SiteConfig): string {
  if (spec.kind === 'article') return articleDescription(spec.article) || config.description;
  return config.description;
}

/**
 * A site URL (base path included, `/blog/posts/x/`) as an absolute URL on the host of
 * `baseUrl`. Page URLs are paths from the host's root, so they are resolved against
 * its origin: right whether the base path came from `baseUrl` or from `--base-path`.
 */
export function absoluteUrl(url: string, config: Pick<SiteConfig, 'baseUrl'>): string {
  return new URL(url, config.baseUrl).href;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
