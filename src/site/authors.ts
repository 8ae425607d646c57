import type { SiteConfig } from '../config/index.js';
import type { Article } from '../model/index.js';
import { compareNames } from './order.js';
import { allocateSegments, nameSlug } from './segments.js';
import type { AuthorRef } from '../model/index.js';
import { urlFor } from './urls.js';

export interface PlacedAuthor {
  ref: AuthorRef;
  /** Path segment of the author page, decoded. */
  segment: string;
}

export interface AuthorIndex {
  /** Authors with at least one article, by name. */
  authors: PlacedAuthor[];
  /** Each article's authors as written, duplicates removed. */
  byArticle: Map<Article, AuthorRef[]>;
}

interface Mention {
  key: string;
  name: string;
  configId?: string;
}

function mentionOf(entry: string, config: SiteConfig): Mention | undefined {
  // hasOwn, not `in`: an author named `constructor` is a display name.
  if (Object.hasOwn(config.authors, entry)) {
    return { key: `config:${entry}`, name: config.authors[entry]!.name, configId: entry };
  }
  const name = entry.trim();
  if (name === '') return undefined;
  return { key: `name:${name.replace(/\s+/g, ' ')}`, name };
}

/** `articles` in site order: a display name written two ways is shown as first met there. */
export function indexAuthors(articles: readonly Article[], config: SiteConfig): AuthorIndex {
  const mentions = new Map<string, Mention>();
  const keysByArticle = new Map<Article, string[]>();
  for (const article of articles) {
    const keys: string[] = [];
    for (const entry of article.authors) {
      const mention = mentionOf(entry, config);
      if (mention === undefined || keys.includes(mention.key)) continue;
      keys.push(mention.key);
      if (!mentions.has(mention.key)) mentions.set(mention.key, mention);
    }
    keysByArticle.set(article, keys);
  }

  // Every configured id is claimed, used or not, so a display name can never
  // take the URL a configured author will have once they publish.
  const configClaims = Object.keys(config.authors)
    .sort()
    .map((id) => ({ key: `config:${id}`, segment: id }));
  const nameClaims = [...mentions.values()]
    .filter((mention) => mention.configId === undefined)
    .sort((a, b) => compareNames(a.name, b.name) || compareNames(a.key, b.key))
    .map((mention) => ({ key: mention.key, segment: nameSlug(mention.name) }));
  const segments = allocateSegments([...configClaims, ...nameClaims]);

  const placed = new Map<string, PlacedAuthor>();
  for (const mention of mentions.values()) {
    const segment = segments.get(mention.key)!;
    const profile = mention.configId === undefined ? undefined : config.authors[mention.configId]!;
    const ref: AuthorRef = {
      id: mention.configId ?? segment,
      name: mention.name,
      ...(profile?.bio === undefined ? {} : { bio: profile.bio }),
      ...(profile?.avatar === undefined ? {} : { avatar: profile.avatar }),
      url: urlFor(config, 'authors', segment),
    };
    placed.set(mention.key, { ref, segment });
  }

  const byArticle = new Map<Article, AuthorRef[]>();
  for (const [article, keys] of keysByArticle) {
    byArticle.set(
      article,
      keys.map((key) => placed.get(key)!.ref),
    );
  }
  const authors = [...placed.values()].sort(
    (a, b) => compareNames(a.ref.name, b.ref.name) || compareNames(a.ref.id, b.ref.id),
  );
  return { authors, byArticle };
}
