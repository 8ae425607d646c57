export interface AuthorProfile {
  name: string;
  bio?: string;
  url?: string;
  /** Picture shown beside the name in the author box: a site path (`/images/tanaka.png`) or URL. */
  avatar?: string;
}

export interface MenuItem {
  label: string;
  /** A site path such as `/tags/解析/` (the base path is added for you) or an absolute URL. */
  url: string;
}

export interface MathOptions {
  /**
   * Undo Markdown escapes written inside inline math (`$x^\*$`, `$\mathrm{OPT}\_i$`,
   * `$\\{a\\}$`), as Qiita and other renderers that apply Markdown before TeX need them.
   * For sites moved from there; off by default, when such escapes are warned about.
   */
  markdownEscapes: boolean;
}

export interface MarkdownSiteOptions {
  /**
   * A line break inside a paragraph is a line break on the page (`<br>`), as on Zenn and
   * Qiita, instead of joining the lines (Japanese without a space, Latin with one). For
   * sites moved from there, whose authors broke lines where they wanted them shown.
   */
  breaks: boolean;
}

export interface TheoremSiteOptions {
  /**
   * `article`: 定理 1, 定理 2, … through the article. `section`: 定理 2.1 is the first
   * theorem after the article's second top-level heading (`##` in most articles).
   */
  numberWithin: 'article' | 'section';
}

/** The whole site configuration after defaults are applied. */
export interface SiteConfig {
  title: string;
  description: string;
  /** Origin and path of the deployed site, used for canonical URLs and feeds: `https://example.com/blog/` (always ends with `/`). */
  baseUrl: string;
  /** Prefix of every internal link: `/` or `/blog/` (always starts and ends with `/`, percent-encoded). */
  basePath: string;
  language: string;
  /** IANA time zone in which front-matter dates without an offset are read and all dates are shown. */
  timeZone: string;
  /** Author id → profile. */
  authors: Record<string, AuthorProfile>;
  /** Author id used by `sugaku new` and when an article names no author. */
  defaultAuthor?: string;
  menu: MenuItem[];
  postsPerPage: number;
  readMoreCount: number;
  /** KaTeX macros available to every formula of the site. */
  macros: Record<string, string>;
  math: MathOptions;
  markdown: MarkdownSiteOptions;
  theorems: TheoremSiteOptions;
  /** Reading speed for Japanese text, in characters per minute. */
  readingSpeed: number;
}
