import type { SourcePosition } from './position.js';

/** A Markdown file as read from disk, before any parsing. */
export interface SourceFile {
  /** Path relative to the working directory, as shown in diagnostics (forward slashes). */
  path: string;
  /** Raw text; may start with a BOM and use CRLF. */
  text: string;
}

/**
 * A file kept beside an article written as a folder (`posts/グラフ/index.md` with
 * `posts/グラフ/graph.png`): copied beside the article's page, so relative links reach it.
 */
export interface BundleFile {
  /** The article's source path (`content/posts/グラフ/index.md`). */
  sourcePath: string;
  /** Path inside the article's folder, forward slashes: `graph.png`, `data/x.csv`. */
  path: string;
  /** Where to copy it from. */
  absolutePath: string;
}

/** A validated article: front matter checked and typed, body still Markdown. */
export interface Article {
  sourcePath: string;
  /** The source text with BOM removed and line endings normalised to `\n`; used for code frames. */
  sourceText: string;
  slug: string;
  title: string;
  /** Publication instant (front-matter wall time read in the site's time zone). */
  date: Date;
  updated?: Date;
  tags: string[];
  /** Author ids from the config, or display names as written. Never empty if the site has a default author. */
  authors: string[];
  description?: string;
  series?: string;
  part?: number;
  draft: boolean;
  cover?: string;
  /** KaTeX macros of this article (front matter `macros`). */
  macros: Record<string, string>;
  /** Markdown body, line endings normalised. */
  body: string;
  /** 1-based line in the source file on which `body` starts. */
  bodyLine: number;
  /**
   * Where each front-matter key's value starts (`author`, `series`, …), so later stages can
   * point at the line: an unknown author, two parts with the same number.
   */
  fieldPositions?: Partial<Record<string, SourcePosition>>;
}
