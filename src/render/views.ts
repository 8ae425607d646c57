import type { AuthorRef, SiteArticle, TagRef } from '../model/index.js';
import type { DateFormatter } from './dates.js';
import { inlinePhraseBreaks, phraseBreaks } from '../markdown/index.js';
import type {
  ArticleCardView,
  ArticleView,
  HeadingView,
  LinkView,
  SeriesPartView,
  SeriesView,
} from './model.js';

/** Heading levels listed in the table of contents: sections and subsections. */
const TOC_LEVELS = new Set([2, 3]);

/**
 * An article appears as a card on many pages (index, tags, author, Read more of its
 * neighbours); its card is made once per site. Keyed by the `SiteArticle` and by the
 * formatter, which carries the time zone. A builder that keeps running gives the same
 * `SiteArticle` new renders while the article stays where it was (`createSiteBuilder`),
 * so the render it was made from is checked too (the reading time follows from it).
 */
const cards = new WeakMap<
  SiteArticle,
  {
    dates: DateFormatter;
    rendered: SiteArticle['rendered'];
    card: ArticleCardView;
  }
>();

export function cardView(article: SiteArticle, dates: DateFormatter): ArticleCardView {
  const known = cards.get(article);
  if (known?.dates === dates && known.rendered === article.rendered) return known.card;
  const card = makeCard(article, dates);
  cards.set(article, {
    dates,
    rendered: article.rendered,
    card,
  });
  return card;
}

function makeCard(article: SiteArticle, dates: DateFormatter): ArticleCardView {
  const { rendered } = article;
  return {
    title: rendered.article.title,
    titleHtml: phraseBreaks(rendered.article.title),
    url: article.url,
    date: dates(rendered.article.date),
    authors: article.authors.map(linkView),
    tags: article.tags.map(linkView),
    excerptHtml: rendered.excerptHtml,
    readingMinutes: article.readingMinutes,
    draft: rendered.article.draft,
  };
}

export function articleView(article: SiteArticle, dates: DateFormatter): ArticleView {
  const { rendered } = article;
  const view: ArticleView = {
    ...cardView(article, dates),
    html: rendered.html,
    // The body itself is not here when the build renders the page: its summary counts.
    hasCode: (rendered.codeBlocks ?? 0) > 0,
    description: articleDescription(article),
    toc: rendered.headings.filter((heading) => TOC_LEVELS.has(heading.level)).map(headingView),
    readMore: article.readMore.map((other) => cardView(other, dates)),
    authorProfiles: [],
  };
  if (rendered.article.updated) view.updated = dates(rendered.article.updated);
  const series = seriesView(article);
  if (series) view.series = series;
  if (article.older) view.previous = cardView(article.older, dates);
  if (article.newer) view.next = cardView(article.newer, dates);
  return view;
}

/** Front-matter description, else the excerpt as plain text; empty when the article has neither. */
export function articleDescription(article: SiteArticle): string {
  return article.rendered.article.description ?? article.rendered.excerptText;
}

export function linkView(ref: TagRef | AuthorRef): LinkView {
  return { name: ref.name, url: ref.url };
}

function headingView({ level, id, text, html }: HeadingView): HeadingView {
  return { level, id, text, html: inlinePhraseBreaks(html) };
}

function seriesView(article: SiteArticle): SeriesView | undefined {
  if (!article.series) return undefined;
  const parts: SeriesPartView[] = article.seriesParts.map((part, index) => ({
    title: part.rendered.article.title,
    titleHtml: phraseBreaks(part.rendered.article.title),
    url: part.url,
    part: part.series?.part ?? index + 1,
    current: part.url === article.url,
  }));
  const at = parts.findIndex((part) => part.current);
  const view: SeriesView = {
    name: article.series.name,
    url: article.series.url,
    part: article.series.part,
    total: article.series.total,
    parts,
  };
  const previous = at > 0 ? parts[at - 1] : undefined;
  const next = at >= 0 ? parts[at + 1] : undefined;
  if (previous) view.previous = previous;
  if (next) view.next = next;
  return view;
}
