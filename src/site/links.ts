import type { Diagnostic } from '../diagnostics/index.js';
import type { Site, SiteArticle } from '../model/index.js';

/** A link the author wrote somewhere (an article, a menu entry, a `cover`), to be checked. */
export interface LinkToCheck {
  href: string;
  location: Pick<Diagnostic, 'file' | 'line' | 'column'>;
  /** URL of the page it is on, against which relative links and bare fragments resolve. */
  pageUrl: string;
  /** What it is, for the message: `link`, `image`, `menu entry`, `cover`. */
  what: string;
}

/** Every internal link an article writes, with the page it is on. */
export function articleLinks(site: Site): LinkToCheck[] {
  return site.articles.flatMap((article) =>
    (article.rendered.links ?? []).map(({ kind, href, location }) => ({
      href,
      location,
      pageUrl: article.url,
      what: kind,
    })),
  );
}

/**
 * Links into the site that reach nothing: a page or file the build does not make, or an
 * anchor (`#eq-2.4`, `#見出し`) that the article page they lead to does not have. Pure:
 * `files` are the other files of the output folder (public files, assets, feed), relative
 * and decoded. External links are never fetched. Warnings: the page still builds, and
 * `--strict` makes them errors.
 */
export function brokenLinks(
  site: Site,
  files: Iterable<string>,
  links: readonly LinkToCheck[],
  basePath: string,
): Diagnostic[] {
  const pages = new Set(site.pages.map((page) => decoded(page.url)));
  const fileUrls = new Set([...files].map((file) => `${basePath}${file}`));
  const articles = new Map<string, SiteArticle>(
    site.articles.map((article) => [decoded(article.url), article]),
  );
  const found: Diagnostic[] = [];
  for (const link of links) {
    const problem = problemOf(link, pages, fileUrls, articles, basePath);
    // A missing picture is a hole in the page every reader sees; a dead link waits for a click.
    const severity = link.what === 'image' ? 'error' : 'warning';
    if (problem) found.push({ ...link.location, severity, ...problem });
  }
  return found;
}

type Problem = Pick<Diagnostic, 'code' | 'message' | 'hint'>;

function problemOf(
  link: LinkToCheck,
  pages: ReadonlySet<string>,
  files: ReadonlySet<string>,
  articles: ReadonlyMap<string, SiteArticle>,
  basePath: string,
): Problem | undefined {
  const hashAt = link.href.indexOf('#');
  const pathPart = (hashAt === -1 ? link.href : link.href.slice(0, hashAt)).replace(/\?.*$/, '');
  const fragment = hashAt === -1 ? '' : decoded(link.href.slice(hashAt + 1));
  const target = decoded(new URL(pathPart, `http://site${link.pageUrl}`).pathname);
  const page = pages.has(target)
    ? target
    : pages.has(`${target}/`)
      ? `${target}/`
      : target.endsWith('/index.html') && pages.has(target.slice(0, -'index.html'.length))
        ? target.slice(0, -'index.html'.length)
        : undefined;

  if (page === undefined && !files.has(target)) {
    return {
      code: 'link/broken',
      message: `The ${link.what} \`${link.href}\` leads to no page or file of this site.`,
      hint: !target.startsWith(basePath)
        ? `The site is served under ${basePath}: write links from the site's root, e.g. /posts/<slug>/, and the base path is added for you.`
        : isRelative(link.href)
          ? "A relative path is read from the article's page: keep the file beside the article, as posts/<name>/index.md with the file in posts/<name>/, or put it under public/ and write it from the root (/images/a.png)."
          : 'Check the spelling: articles are at /posts/<slug>/, tags at /tags/<tag>/, and files under public/ keep their path (public/images/a.png is /images/a.png).',
    };
  }
  const article = page === undefined ? undefined : articles.get(page);
  if (fragment === '' || !article) return undefined;
  if ((article.rendered.anchors ?? []).includes(fragment)) return undefined;
  return {
    code: 'link/broken-anchor',
    message: `The ${link.what} \`${link.href}\` leads to ${page === decoded(link.pageUrl) ? 'this article' : `「${article.rendered.article.title}」`}, which has no anchor \`#${fragment}\`.`,
    hint: 'Anchors are the ids of headings (#見出し) and numbered equations (#eq-2.4); link to one the article has, or drop the `#…` part.',
  };
}

function isRelative(href: string): boolean {
  return !href.startsWith('/') && !href.startsWith('#');
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
