/** Where articles are moved from. */
export type ImportDialect = 'zenn' | 'qiita';

/** One Markdown file of the folder being imported, with what only the disk and git know. */
export interface ImportSourceFile {
  /** Path inside the imported folder, `/`-separated: `articles/cauchy.md`, `public/行列.md`. */
  path: string;
  text: string;
  /** When git first saw the file (`git log --diff-filter=A --follow`), if it is in a repository. */
  firstCommit?: Date;
  /** Its modification time when the import runs: the last resort for a date. */
  modified: Date;
}

/** What was found in the folder, read by `readImportFolder`. */
export interface ImportFolder {
  dialect: ImportDialect;
  articles: ImportSourceFile[];
  /** Image files under Zenn's `images/`, `/`-separated, relative to it: `cauchy/fig1.png`. */
  images: string[];
  /** Folders and files left out, each with why, for the summary: `books/` (Zenn books). */
  leftOut: { path: string; why: string }[];
}

/** Something in an imported article the author should look at, at a line of the new file. */
export interface ImportNote {
  /** The new article, relative to the content folder: `posts/cauchy.md`. */
  file: string;
  line: number;
  kind: NoteKind;
  message: string;
}

/** What a note is about, to count them in the summary. */
export type NoteKind =
  'front-matter' | 'block' | 'display-math' | 'escape' | 'embed' | 'html' | 'image' | 'link';

/** One article as it will be written. */
export interface ImportedArticle {
  /** Where it came from, inside the imported folder. */
  from: string;
  /** Relative to the content folder: `posts/cauchy.md`. */
  to: string;
  text: string;
  draft: boolean;
  /** Where its date came from, for the summary: `published_at`, `git`, `file time`. */
  dateFrom: DateOrigin;
}

export type DateOrigin = 'date' | 'published_at' | 'updated_at' | 'git' | 'file time';

/** Everything an import will write, and what the author should know about it. Plain data. */
export interface ImportPlan {
  dialect: ImportDialect;
  articles: ImportedArticle[];
  /** Image files to copy, relative to the imported folder → relative to the public folder. */
  images: { from: string; to: string }[];
  /** Things to look at, by file and line. */
  notes: ImportNote[];
  leftOut: { path: string; why: string }[];
  /** Inline math holds Markdown escapes (`\_`, `\*`): the site needs `math.markdownEscapes`. */
  needsMarkdownEscapes: boolean;
}
