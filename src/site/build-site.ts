import type { SiteConfig } from '../config/index.js';
import type { Article } from '../model/index.js';
import type { RenderedArticle } from '../model/index.js';
import { indexAuthors } from './authors.js';
import { compareNewestFirst } from './order.js';
import { paginate } from './pagination.js';
import { readMorePicker } from './read-more.js';
import { readingMinutes } from './reading-time.js';
import { indexSeries } from './series.js';
import { indexTags, tagNamesOf } from './tags.js';
import type { AuthorRef, PageSpec, Site, SiteArticle } from '../model/index.js';
import { articleUrl, fileUrlFor, pagePathFor, urlFor } from './urls.js';

/** Read more picks by the structure they follow from: the order, tags and series of every article. */
interface ReadMorePicks {
  structure: string;
  slugs: Map<string, string[]>;
}

/**
 * Picking compares each article with every set of tags; `previous` lets a large site pay
 * for it once, not on every edit of an article's text.
 */
function pickAllReadMore(
  articles: readonly SiteArticle[],
  count: number,
  previous: ReadMorePicks | undefined,
): ReadMorePicks {
  const structure = JSON.stringify([
    count,
    articles.map((article) => [
      article.slug,
      article.tags.map((tag) => tag.name),
      article.series?.name ?? null,
      article.seriesParts.length,
    ]),
  ]);
  if (previous?.structure === structure) {
    const bySlug = new Map(articles.map((article) => [article.slug, article]));
    for (const article of articles) {
      article.readMore = previous.slugs.get(article.slug)!.map((slug) => bySlug.get(slug)!);
    }
    return previous;
  }
  const pickReadMore = readMorePicker(articles, count);
  for (const article of articles) article.readMore = pickReadMore(article);
  return {
    structure,
    slugs: new Map(
      articles.map((article) => [article.slug, article.readMore.map((other) => other.slug)]),
    ),
  };
}

/**
 * `buildSite` for a builder that keeps running (the dev server): it remembers the last
 * site and, when only what articles say changed, not where they stand (the same articles
 * with the same dates, tags, authors and series under the same config), gives that site
 * back with the new renders in place, instead of placing every article again. The
 * previous site must no longer be in use: its articles are updated.
 */
export function createSiteBuilder(): (
  rendered: readonly RenderedArticle[],
  config: SiteConfig,
) => Site {
  let previous: { config: string; articles: Article[]; site: Site } | undefined;
  let readMore: ReadMorePicks | undefined;
  return (rendered, config) => {
    const configKey = JSON.stringify(config);
    const articles = rendered.map((entry) => entry.article);
    if (
      previous?.config === configKey &&
      previous.articles.length === articles.length &&
      articles.every((article, index) => standsWhereItWas(article, previous!.articles[index]!))
    ) {
      const bySource = new Map(rendered.map((entry) => [entry.article.sourcePath, entry]));
      for (const article of previous.site.articles) {
        article.rendered = bySource.get(article.rendered.article.sourcePath)!;
        article.readingMinutes = readingMinutes(
          article.rendered.readingLength,
          config.readingSpeed,
        );
      }
      previous.articles = articles;
      return previous.site;
    }
    const site = placeArticles(rendered, config, (placed) => {
      readMore = pickAllReadMore(placed, config.readMoreCount, readMore);
    });
    previous = { config: configKey, articles, site };
    return site;
  };
}

/** Whether `buildSite` would place `article` where it placed `before`: all it reads besides the render. */
function standsWhereItWas(article: Article, before: Article): boolean {
  return (
    article === before ||
    (article.sourcePath === before.sourcePath &&
      article.slug === before.slug &&
      article.date.getTime() === before.date.getTime() &&
      sameStrings(article.tags, before.tags) &&
      sameStrings(article.authors, before.authors) &&
      article.series === before.series &&
      article.part === before.part)
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * The site graph of the given articles: order, neighbours, tags, authors,
 * series, "Read more" and every page to render. Pure and deterministic: the
 * order of `rendered` does not matter.
 */
export function buildSite(rendered: readonly RenderedArticle[], config: SiteConfig): Site {
  return placeArticles(rendered, config, (articles) => {
    const pickReadMore = readMorePicker(articles, config.readMoreCount);
    for (const article of articles) article.readMore = pickReadMore(article);
  });
}

function placeArticles(
  rendered: readonly RenderedArticle[],
  config: SiteConfig,
  pickReadMore: (articles: readonly SiteArticle[]) => void,
): Site {
  const ordered = [...rendered].sort((a, b) => compareNewestFirst(a.article, b.article));
  const sources = ordered.map((entry) => entry.article);
  const tags = indexTags(sources, config);
  const authors = indexAuthors(sources, config);
  const series = indexSeries(sources, config);

  const placed = new Map<Article, SiteArticle>();
  const articles = ordered.map((entry): SiteArticle => {
    const article: SiteArticle = {
      rendered: entry,
      slug: entry.article.slug,
      url: articleUrl(config, entry.article),
      authors: authors.byArticle.get(entry.article)!,
      tags: tagNamesOf(entry.article).map((name) => tags.get(name)!.ref),
      readingMinutes: readingMinutes(entry.readingLength, config.readingSpeed),
      seriesParts: [],
      readMore: [],
    };
    placed.set(entry.article, article);
    return article;
  });

  articles.forEach((article, index) => {
    if (index > 0) article.newer = articles[index - 1];
    if (index < articles.length - 1) article.older = articles[index + 1];
  });

  for (const { ref, parts } of series.values()) {
    const seriesParts = parts.map((part) => placed.get(part)!);
    seriesParts.forEach((article, index) => {
      article.series = { ...ref, part: index + 1, total: seriesParts.length };
      article.seriesParts = [...seriesParts];
    });
  }

  const articlesByTag = new Map<string, SiteArticle[]>([...tags.keys()].map((name) => [name, []]));
  for (const article of articles) {
    for (const tag of article.tags) articlesByTag.get(tag.name)!.push(article);
  }

  const articlesByAuthor = new Map<AuthorRef, SiteArticle[]>();
  for (const article of articles) {
    for (const author of article.authors) {
      const written = articlesByAuthor.get(author) ?? [];
      written.push(article);
      articlesByAuthor.set(author, written);
    }
  }

  pickReadMore(articles);

  const pages: PageSpec[] = [
    ...paginate(articles, config).map((page): PageSpec => ({ kind: 'index', ...page })),
    ...articles.map((article): PageSpec => ({
      kind: 'article',
      path: pagePathFor('posts', article.slug),
      url: article.url,
      article,
    })),
    ...[...tags.values()].flatMap(({ ref, segment }) =>
      paginate(articlesByTag.get(ref.name)!, config, 'tags', segment).map((page): PageSpec => ({
        kind: 'tag',
        ...page,
        tag: ref,
      })),
    ),
    ...authors.authors.flatMap(({ ref, segment }) =>
      paginate(articlesByAuthor.get(ref)!, config, 'authors', segment).map((page): PageSpec => ({
        kind: 'author',
        ...page,
        author: ref,
      })),
    ),
    ...[...series.values()].map(({ ref, segment, parts }): PageSpec => ({
      kind: 'series',
      path: pagePathFor('series', segment),
      url: ref.url,
      series: ref,
      articles: parts.map((part) => placed.get(part)!),
    })),
    { kind: 'not-found', path: '404.html', url: fileUrlFor(config, '404.html') },
    { kind: 'search', path: pagePathFor('search'), url: urlFor(config, 'search') },
  ];

  return {
    articles,
    tags: [...tags.values()].map(({ ref }) => ref),
    authors: authors.authors.map(({ ref }) => ref),
    pages,
  };
}
