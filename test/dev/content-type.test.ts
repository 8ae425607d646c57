import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../src/dev/index.js';

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['posts/対数/index.html', 'text/html; charset=utf-8'],
    ['assets/style.css', 'text/css; charset=utf-8'],
    ['assets/katex/fonts/KaTeX_Main-Regular.woff2', 'font/woff2'],
    ['feed.xml', 'application/atom+xml; charset=utf-8'],
    ['sitemap.xml', 'application/xml; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/search/search.js', 'application/javascript; charset=utf-8'],
    ['search-index.json', 'application/json; charset=utf-8'],
    ['assets/cover.JPG', 'image/jpeg'],
    ['search-index/meta.json.gz', 'application/octet-stream'],
    ['LICENSE', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});
