/**
 * JSON-LD (https://schema.org) for search engines: `BlogPosting` on an article page,
 * `WebSite` with the site search on the home page.
 */

export interface PersonData {
  name: string;
  url: string;
}

export interface BlogPostingData {
  headline: string;
  description: string;
  url: string;
  imageUrl: string;
  datePublished: string;
  dateModified: string;
  authors: PersonData[];
  keywords: string[];
  language: string;
  siteName: string;
  siteUrl: string;
}

export function blogPosting(data: BlogPostingData): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: data.headline,
    ...(data.description ? { description: data.description } : {}),
    url: data.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': data.url },
    image: [data.imageUrl],
    datePublished: data.datePublished,
    dateModified: data.dateModified,
    author: data.authors.map((author) => ({
      '@type': 'Person',
      name: author.name,
      url: author.url,
    })),
    ...(data.keywords.length > 0 ? { keywords: data.keywords.join(', ') } : {}),
    inLanguage: data.language,
    isPartOf: { '@type': 'Blog', name: data.siteName, url: data.siteUrl },
  };
}

export interface WebSiteData {
  name: string;
  description: string;
  url: string;
  language: string;
  /** Absolute URL of the search page; `?q=` is added for the query. */
  searchUrl: string;
}

export function webSite(data: WebSiteData): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: data.name,
    ...(data.description ? { description: data.description } : {}),
    url: data.url,
    inLanguage: data.language,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${data.searchUrl}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/**
 * JSON that can stand inside `<script type="application/ld+json">`: the HTML parser
 * ends a script at `</script` and treats `<!--` specially whatever the type, so `<`
 * (and, for good measure, `>` and `&`) are written as JSON escapes, which mean the same.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
