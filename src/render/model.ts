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
  /** The search page; the header's search form sends `?q=` to it. */
  searchUrl: string;
  /** Folder of the search index (`src/search/`), for the search page's script. */
  searchIndexUrl: string;
  /** The search page's script (`src/search/client.ts`, copied to `assets/search/search.js`). */
  searchScriptUrl: string;
  stylesheetUrl: string;
  /** KaTeX's stylesheet: linked only from pages that show a formula (`page.showsMath`). */
  katexStylesheetUrl: string;
  /** The script that adds a copy button to code blocks (`public/assets/code-copy.js`), on articles with code. */
  codeCopyScriptUrl: string;
  /**
   * KaTeX's two most used fonts, fetched with the page rather than after the stylesheet,
   * so formulas do not reflow the text when they arrive.
   */
  preloadFontUrls: string[];
  /** The site's icon (`public/assets/favicon.svg`). */
  iconUrl: string;
  /** `og:locale`: `ja_JP` for a Japanese site. */
  locale: string;
  /** Year of the newest article, for the footer (not the clock: builds stay reproducible). */
  copyrightYear: number;
}

export interface PageView {
  kind: 'index' | 'article' | 'tag' | 'author' | 'series' | 'not-found' | 'search';
  url: string;
  /** Absolute URL for `<link rel="canonical">`, `og:url` and structured data. */
  canonicalUrl: string;
  /** Full `<title>`: `記事名 | サイト名`. */
  title: string;
  /** The page's own name, without the site's, for `og:title`: `記事名`. */
  heading: string;
  description: string;
  /** Kept out of search engines (`<meta name="robots" content="noindex">`): drafts, 404, search. */
  noindex: boolean;
  /** `og:type`: `article` for articles, else `website`. */
  type: 'article' | 'website';
  /** Whether the page shows a formula, and so needs KaTeX's stylesheet and fonts. */
  showsMath: boolean;
  /**
   * The rules of KaTeX's stylesheet the page's formulas need, for a `<style>` in its head
   * (`katex-styles.ts`): a linked stylesheet would hold back the first paint. Empty when
   * the page shows no formula.
   */
  katexStyles: string;
  /** Absolute URL of the image shared with the page: the article's `cover`, else the site's default. */
  imageUrl: string;
  /**
   * JSON-LD for `<script type="application/ld+json">` (`BlogPosting` on articles, `WebSite`
   * on the home page), escaped so that it cannot end the script element; empty when none.
   */
  structuredDataHtml: string;
}

/** An article as a card in a list: index, tag, author, series pages and "Read more". */
export interface ArticleCardView {
  title: string;
  /** The title with `<wbr>` between its phrases (BudouX), so a line breaks only between them. */
  titleHtml: string;
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
  titleHtml: string;
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

/** An author as the box at the end of their article shows them. */
export interface AuthorView extends LinkView {
  bio?: string;
  /** The configured picture, base path added; absent when none is configured. */
  avatarUrl?: string;
}

export interface ArticleView extends ArticleCardView {
  html: string;
  /** Whether the body has a code block, which gets a copy button from a script. */
  hasCode: boolean;
  updated?: DateView;
  description: string;
  toc: HeadingView[];
  series?: SeriesView;
  /** 前の記事: the next older article of the site. */
  previous?: ArticleCardView;
  /** 次の記事: the next newer article of the site. */
  next?: ArticleCardView;
  readMore: ArticleCardView[];
  /** The authors with their bio and picture, for the box after the article. */
  authorProfiles: AuthorView[];
}

/**
 * Where a page is in a list cut into pages of `postsPerPage`: the index (`/`, `/page/2/`),
 * a tag's (`/tags/解析/`, `/tags/解析/page/2/`) and an author's articles. Series pages are not cut.
 */
export interface PaginationView {
  /** This page's number, from 1. */
  current: number;
  /** Number of pages. */
  total: number;
  /** Articles in the whole list, on all its pages: what `N件の記事` counts. */
  articleCount: number;
  /** The page before, with newer articles; absent on the first page. */
  previousUrl?: string;
  /** The page after, with older articles; absent on the last page. */
  nextUrl?: string;
}

/** A tag and how many articles have it: the search page's list of tags. */
export interface TagCountView extends LinkView {
  count: number;
}

/** What each template receives. */
export interface TemplateData {
  site: SiteView;
  page: PageView;
  article?: ArticleView;
  /** The cards of this page: on a tag, author or index page only this page's share of the list. */
  articles?: ArticleCardView[];
  /** On index, tag and author pages. */
  pagination?: PaginationView;
  tag?: LinkView;
  /** On the search page: every tag in use, most used first. */
  tags?: TagCountView[];
  author?: AuthorView;
  series?: LinkView;
}
