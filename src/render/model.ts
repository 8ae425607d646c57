/**
 * The plain objects templates see. Every template gets `site` and `page`; the
 * others depend on the page kind. URLs already carry the base path and are
 * percent-encoded; `*Html` fields are trusted HTML (output with `| raw`);
 * everything else is text and is escaped by the engine.
 */

export interface DateView {
  /** `2025-05-20T10:00:00+09:00`, for `<time datetime>`. */
  iso: string;
  /** `2025年5月20日`, in the site's time zone. */
  display: string;
}

export interface LinkView {
  name: string;
  url: string;
}

export interface MenuItemView {
  label: string;
  url: string;
  /** True on the page the item points to. */
  current: boolean;
}

export interface SiteView {
  title: string;
  description: string;
  language: string;
  basePath: string;
  /** Absolute URL of the site root, ending in `/`. */
  baseUrl: string;
  homeUrl: string;
  menu: MenuItemView[];
  feedUrl: string;
  stylesheetUrl: string;
  katexStylesheetUrl: string;
  /** Year of the newest article, for the footer (not the clock: builds stay reproducible). */
  copyrightYear: number;
}

export interface PageView {
  kind: 'index' | 'article' | 'tag' | 'author' | 'series' | 'not-found';
  url: string;
  /** Absolute URL for `<link rel="canonical">`. */
  canonicalUrl: string;
  /** Full `<title>`: `記事名 | サイト名`. */
  title: string;
  description: string;
}

/** An article as a card in a list: index, tag, author, series pages and "Read more". */
export interface ArticleCardView {
  title: string;
  url: string;
  date: DateView;
  authors: LinkView[];
  tags: LinkView[];
  excerptHtml: string;
  readingMinutes: number;
  draft: boolean;
}

export interface SeriesPartView {
  title: string;
  url: string;
  part: number;
  current: boolean;
}

export interface SeriesView {
  name: string;
  url: string;
  part: number;
  total: number;
  parts: SeriesPartView[];
  previous?: SeriesPartView;
  next?: SeriesPartView;
}

export interface HeadingView {
  level: number;
  id: string;
  text: string;
  /** The heading's content as trusted HTML, formulas rendered: what the table of contents shows. */
  html: string;
}

export interface ArticleView extends ArticleCardView {
  html: string;
  updated?: DateView;
  description: string;
  toc: HeadingView[];
  series?: SeriesView;
  /** 前の記事: the next older article of the site. */
  previous?: ArticleCardView;
  /** 次の記事: the next newer article of the site. */
  next?: ArticleCardView;
  readMore: ArticleCardView[];
}

export interface PaginationView {
  current: number;
  total: number;
  previousUrl?: string;
  nextUrl?: string;
}

/** What each template receives. */
export interface TemplateData {
  site: SiteView;
  page: PageView;
  article?: ArticleView;
  articles?: ArticleCardView[];
  pagination?: PaginationView;
  tag?: LinkView;
  author?: LinkView & { bio?: string };
  series?: LinkView;
}
