/**
 * A file of the built site. `path` is relative to the output folder, with forward slashes.
 * `gzipped` is a page kept in memory (the dev server's), compressed: KaTeX's markup shrinks
 * about ninefold, and a 10,000-article site is over two gigabytes of HTML.
 */
export type OutputFile =
  | { path: string; content: string | Uint8Array }
  | { path: string; copyFrom: string }
  | { path: string; gzipped: Uint8Array };
