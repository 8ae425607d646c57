const TEXT = '; charset=utf-8';

/** By extension. Text types say UTF-8 so Japanese never depends on the browser's guess. */
const BY_EXTENSION: Record<string, string> = {
  html: `text/html${TEXT}`,
  css: `text/css${TEXT}`,
  js: `application/javascript${TEXT}`,
  mjs: `application/javascript${TEXT}`,
  json: `application/json${TEXT}`,
  map: `application/json${TEXT}`,
  webmanifest: `application/manifest+json${TEXT}`,
  xml: `application/xml${TEXT}`,
  atom: `application/atom+xml${TEXT}`,
  rss: `application/rss+xml${TEXT}`,
  txt: `text/plain${TEXT}`,
  md: `text/markdown${TEXT}`,
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
};

/** Feeds are `.xml` files by name; a feed reader wants to be told it is Atom. */
const BY_NAME: Record<string, string> = {
  'feed.xml': `application/atom+xml${TEXT}`,
  'atom.xml': `application/atom+xml${TEXT}`,
};

/** The `Content-Type` for an output path such as `assets/katex/fonts/KaTeX_Main-Regular.woff2`. */
export function contentTypeFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const byName = BY_NAME[name];
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  const extension = dot === -1 ? '' : name.slice(dot + 1);
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}

export function isHtml(path: string): boolean {
  return path.toLowerCase().endsWith('.html');
}
