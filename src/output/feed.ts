import { decodeEntities, replaceElements } from './html-scan.js';
import { escapeXml } from './xml.js';

/** The feed as a whole. Every URL is absolute. */
export interface FeedChannel {
  title: string;
  subtitle?: string;
  /** Language of the site (`ja`), as `xml:lang`. */
  language: string;
  /** The site's home page; also the feed's id. */
  homeUrl: string;
  /** Where the feed itself is published (`rel="self"`). */
  feedUrl: string;
  /** Named when an entry has no author of its own: Atom needs one. */
  fallbackAuthor: string;
}

export interface FeedPerson {
  name: string;
  url?: string;
}

/** One article. Dates are RFC 3339 (`2025-05-20T10:00:00+09:00`); URLs absolute. */
export interface FeedEntry {
  url: string;
  title: string;
  published: string;
  updated: string;
  authors: FeedPerson[];
  categories: string[];
  summary?: string;
  /** The article body as rendered for the site; made fit for feed readers here. */
  contentHtml: string;
}

/** How many articles the feed carries: readers poll it, so it stays small. */
export const FEED_ENTRIES = 20;

/**
 * An Atom feed (RFC 4287) of the given entries, newest first as given, at most
 * `FEED_ENTRIES`. The feed's `updated` is the newest entry's, not the clock's, so two
 * builds of the same articles give the same bytes.
 */
export function atomFeed(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const kept = entries.slice(0, FEED_ENTRIES);
  const updated =
    kept
      .map((entry) => entry.updated)
      .sort(byInstant)
      .at(-1) ?? EPOCH;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(channel.language)}">`,
    `  <title>${escapeXml(channel.title)}</title>`,
    ...(channel.subtitle ? [`  <subtitle>${escapeXml(channel.subtitle)}</subtitle>`] : []),
    `  <id>${escapeXml(channel.homeUrl)}</id>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(channel.homeUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(channel.feedUrl)}"/>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <author><name>${escapeXml(channel.fallbackAuthor)}</name></author>`,
    '  <generator>sugaku</generator>',
    ...kept.map((entry) => feedEntry(entry)),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

function feedEntry(entry: FeedEntry): string {
  const parts = [
    '  <entry>',
    `    <title>${escapeXml(entry.title)}</title>`,
    `    <id>${escapeXml(entry.url)}</id>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
    `    <published>${escapeXml(entry.published)}</published>`,
    `    <updated>${escapeXml(entry.updated)}</updated>`,
    ...entry.authors.map(
      (author) =>
        `    <author><name>${escapeXml(author.name)}</name>` +
        (author.url ? `<uri>${escapeXml(author.url)}</uri>` : '') +
        '</author>',
    ),
    ...entry.categories.map((term) => `    <category term="${escapeXml(term)}"/>`),
    ...(entry.summary ? [`    <summary>${escapeXml(entry.summary)}</summary>`] : []),
    `    <content type="html">${escapeXml(feedContentHtml(entry.contentHtml, entry.url))}</content>`,
    '  </entry>',
  ];
  return parts.join('\n');
}

/**
 * An article body for feed readers, which load none of the site's CSS or fonts:
 * KaTeX's HTML rendering (unreadable without its stylesheet) is dropped and the
 * MathML it stands beside is kept, and links and images are made absolute, since
 * a reader shows the entry away from the site.
 */
export function feedContentHtml(html: string, pageUrl: string): string {
  const mathml = replaceElements(html, /<span class="katex-html"/, () => '');
  // Only inside start tags: code blocks may show `href="…"` as text, which must stay as written.
  return mathml.replace(/<[a-zA-Z][^<>]*>/g, (tag) =>
    tag
      .replace(
        /(\s(?:href|src))="([^"]*)"/g,
        (_, attribute: string, value: string) =>
          `${attribute}="${absoluteAttribute(value, pageUrl)}"`,
      )
      .replace(
        /(\ssrcset)="([^"]*)"/g,
        (_, attribute: string, value: string) => `${attribute}="${absoluteSrcset(value, pageUrl)}"`,
      ),
  );
}

/** `graph.png.640w.webp 640w, …` (a `<picture>`'s WebP variants): each address made absolute. */
function absoluteSrcset(value: string, pageUrl: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
      return [absoluteAttribute(url, pageUrl), ...descriptors].join(' ');
    })
    .join(', ');
}

function absoluteAttribute(value: string, pageUrl: string): string {
  const url = decodeEntities(value);
  try {
    return new URL(url, pageUrl).href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  } catch {
    return value;
  }
}

const EPOCH = '1970-01-01T00:00:00Z';

function byInstant(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
