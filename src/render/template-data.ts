import type { SiteConfig } from '../config/types.js';
import type { PageSpec, Site } from '../site/types.js';
import { createDateFormatter, yearIn } from './dates.js';
import { menuView } from './menu.js';
import type { PageView, SiteView, TemplateData } from './model.js';
import { articleDescription, articleView, cardView, linkView } from './views.js';

/** The plain, acyclic objects a page's template sees; see `model.ts`. */
export function buildTemplateData(spec: PageSpec, site: Site, config: SiteConfig): TemplateData {
  const dates = createDateFormatter(config.timeZone);
  const data: TemplateData = { site: siteView(spec, site, config), page: pageView(spec, config) };
  switch (spec.kind) {
    case 'index':
      data.articles = spec.articles.map((article) => cardView(article, dates));
      data.pagination = { ...spec.pagination };
      break;
    case 'article':
      data.article = articleView(spec.article, dates);
      break;
    case 'tag':
      data.tag = linkView(spec.tag);
      data.articles = spec.articles.map((article) => cardView(article, dates));
      break;
    case 'author':
      data.author = {
        ...linkView(spec.author),
        ...(spec.author.bio ? { bio: spec.author.bio } : {}),
      };
      data.articles = spec.articles.map((article) => cardView(article, dates));
      break;
    case 'series':
      data.series = { name: spec.series.name, url: spec.series.url };
      data.articles = spec.articles.map((article) => cardView(article, dates));
      break;
    case 'not-found':
      break;
  }
  return data;
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
    stylesheetUrl: `${basePath}assets/style.css`,
    katexStylesheetUrl: `${basePath}assets/katex/katex.min.css`,
    // 0 when the site has no article yet: the footer then shows no year.
    copyrightYear: newest ? yearIn(config.timeZone, newest.rendered.article.date) : 0,
  };
}

function pageView(spec: PageSpec, config: SiteConfig): PageView {
  return {
    kind: spec.kind,
    url: spec.url,
    canonicalUrl: canonicalUrl(spec.url, config),
    title: pageTitle(spec, config.title),
    description: pageDescription(spec, config),
  };
}

export function pageTitle(spec: PageSpec, siteTitle: string): string {
  switch (spec.kind) {
    case 'index':
      return spec.pagination.current > 1
        ? `${siteTitle}（${spec.pagination.current}ページ目）`
        : siteTitle;
    case 'article':
      return `${spec.article.rendered.article.title} | ${siteTitle}`;
    case 'tag':
      return `タグ「${spec.tag.name}」の記事 | ${siteTitle}`;
    case 'author':
      return `${spec.author.name} の記事 | ${siteTitle}`;
    case 'series':
      return `シリーズ「${spec.series.name}」 | ${siteTitle}`;
    case 'not-found':
      return `ページが見つかりません | ${siteTitle}`;
  }
}

function pageDescription(spec: PageSpec, config: SiteConfig): string {
  if (spec.kind === 'article') return articleDescription(spec.article) || config.description;
  return config.description;
}

/** `baseUrl` already holds the deployed base path, so the page URL is taken relative to `basePath`. */
function canonicalUrl(url: string, config: SiteConfig): string {
  const relative = url.startsWith(config.basePath)
    ? url.slice(config.basePath.length)
    : url.replace(/^\/+/, '');
  return withTrailingSlash(config.baseUrl) + relative;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
