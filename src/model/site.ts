import type { RenderedArticle } from './rendered-article.js';

export interface AuthorRef {
  /** Config id, or for a name not in the config a slug of the name. */
  id: string;
  name: string;
  bio?: string;
  /** The configured picture, as written in the config (`/images/a.png` or a URL). */
  avatar?: string;
  /** Site path with base path, percent-encoded: `/blog/authors/tanaka/`. */
  url: string;
}

export interface TagRef {
  name: string;
  url: string;
}

export interface SeriesRef {
  name: string;
  url: string;
}

/** An article placed in the site: its URLs and its neighbours are known. */
export interface SiteArticle {
  rendered: RenderedArticle;
  slug: string;
  /** Site path with base path, percent-encoded: `/posts/%E5%AF%BE%E6%95%B0/`. */
  url: string;
  authors: AuthorRef[];
  tags: TagRef[];
  series?: SeriesRef & { part: number; total: number };
  readingMinutes: number;
  /** Newer and older article in the date order of the site. */
  newer?: SiteArticle;
  older?: SiteArticle;
  /** The parts of the series in order (the article itself included), or empty. */
  seriesParts: SiteArticle[];
  readMore: SiteArticle[];
}

/** Where a page is in a paginated list (the index, a tag's or an author's articles). */
export interface Pagination {
  /** This page's number, from 1. */
  current: number;
  /** Number of pages. */
  total: number;
  /** Articles in the whole list, on all its pages. */
  articleCount: number;
  /** The page before, with newer articles; none on the first page. */
  previousUrl?: string;
  /** The page after, with older articles; none on the last page. */
  nextUrl?: string;
}

/** One page to be rendered; `path` is relative to the output folder and decoded (`posts/対数/index.html`). */
export type PageSpec =
  | { kind: 'index'; path: string; url: string; articles: SiteArticle[]; pagination: Pagination }
  | { kind: 'article'; path: string; url: string; article: SiteArticle }
  | {
      kind: 'tag';
      path: string;
      url: string;
      tag: TagRef;
      articles: SiteArticle[];
      pagination: Pagination;
    }
  | {
      kind: 'author';
      path: string;
      url: string;
      author: AuthorRef;
      articles: SiteArticle[];
      pagination: Pagination;
    }
  | { kind: 'series'; path: string; url: string; series: SeriesRef; articles: SiteArticle[] }
  | { kind: 'not-found'; path: string; url: string }
  /** The search page: its results come from the search index in the reader's browser. */
  | { kind: 'search'; path: string; url: string };

export interface Site {
  /** Newest first; ties broken by slug so the order is stable. */
  articles: SiteArticle[];
  tags: TagRef[];
  authors: AuthorRef[];
  pages: PageSpec[];
}
