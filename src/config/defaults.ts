import type { SiteConfig } from './types.js';

/** The configuration of a site without a config file. A fresh object every call. */
export function defaultConfig(): SiteConfig {
  return {
    title: 'sugaku',
    description: '',
    baseUrl: 'http://localhost/',
    basePath: '/',
    language: 'ja',
    timeZone: 'Asia/Tokyo',
    authors: {},
    menu: [{ label: 'ホーム', url: '/' }],
    postsPerPage: 10,
    readMoreCount: 3,
    macros: {},
    math: { markdownEscapes: false },
    markdown: { breaks: false },
    // Japanese text is read at roughly 400–600 characters a minute.
    readingSpeed: 600,
  };
}
