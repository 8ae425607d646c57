import { createHash, randomBytes } from 'node:crypto';
import { readFile as readFileCallback, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MarkdownOptions } from '../markdown/index.js';
import type { SearchEntry } from '../search/index.js';
import { sha256 } from './fingerprint.js';
import type { Article, RenderedArticle } from '../model/index.js';

// fs.promises.readFile costs about twice the callback version per small file
// (https://github.com/nodejs/node/issues/52046), and a build reads thousands of entries.
const readFile = promisify(readFileCallback);

/** Bumped when the layout of an entry changes. */
const ENTRY_FORMAT = 5;

/** A rendered article without its body HTML, which can be large and stays on disk until its page is rendered. */
export type ArticleSummary = Omit<RenderedArticle, 'article' | 'html'>;

interface Entry {
  format: number;
  key: string;
  htmlSha1: string;
  summary: ArticleSummary;
}

/**
 * Everything that changes an article's render: our code, the markdown options (macros, base
 * path, `math.markdownEscapes`), the source and where it is.
 */
export function articleKey(
  article: Article,
  markdown: MarkdownOptions,
  fingerprint: string,
): string {
  return sha256(
    fingerprint,
    JSON.stringify(markdown),
    article.sourcePath,
    String(article.bodyLine),
    article.sourceText,
  );
}

/**
 * Content-addressed store of rendered articles: `<key>.json` (the summary), `<key>.html`
 * and `<key>.search` (what the search index takes of the body). An entry is trusted only
 * if it names its own key, has the current format and its files match the recorded
 * hashes; anything else is a miss.
 */
export class ArticleCache {
  constructor(readonly dir: string) {}

  async readSummary(key: string): Promise<ArticleSummary | undefined> {
    const entry = await this.readEntry(key);
    return entry?.summary;
  }

  async readHtml(key: string): Promise<string | undefined> {
    return (await this.readHtmlBytes(key))?.toString('utf8');
  }

  /** The body as UTF-8 bytes, as a page is written. */
  async readHtmlBytes(key: string): Promise<Buffer | undefined> {
    const entry = await this.readEntry(key);
    if (!entry) return undefined;
    try {
      const html = await readFile(this.file(key, 'html'));
      return sha1(html) === entry.htmlSha1 ? html : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * What the search index takes of the body. Read synchronously, not through libuv's thread
   * pool: the index reads every entry while the pages' reads and writes fill the pool. The
   * file carries its own hash on its first line: reading the summary for it as well cost
   * half the index's time at 10,000 articles.
   */
  readSearchSync(key: string): SearchEntry | undefined {
    try {
      const text = readFileSync(this.file(key, 'search'), 'utf8');
      const newline = text.indexOf('\n');
      const json = text.slice(newline + 1);
      if (newline !== SHA1_HEX_LENGTH || text.slice(0, newline) !== sha1(json)) return undefined;
      const search: unknown = JSON.parse(json);
      return isSearchEntry(search) ? search : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Bodies first, summary last: a summary on disk means the rest is complete. Without
   * `search`, the entry has none and `readSearchSync` misses.
   */
  async write(
    key: string,
    summary: ArticleSummary,
    html: string,
    search?: SearchEntry,
  ): Promise<void> {
    await atomicWrite(this.file(key, 'html'), html);
    if (search) {
      const json = JSON.stringify(search);
      await atomicWrite(this.file(key, 'search'), `${sha1(json)}\n${json}`);
    }
    const entry: Entry = { format: ENTRY_FORMAT, key, htmlSha1: sha1(html), summary };
    await atomicWrite(this.file(key, 'json'), JSON.stringify(entry));
  }

  private async readEntry(key: string): Promise<Entry | undefined> {
    let entry: unknown;
    try {
      entry = JSON.parse(await readFile(this.file(key, 'json'), 'utf8'));
    } catch {
      return undefined;
    }
    return isEntry(entry, key) ? entry : undefined;
  }

  private file(key: string, extension: 'json' | 'html' | 'search'): string {
    return path.join(this.dir, 'articles', key.slice(0, 2), `${key}.${extension}`);
  }
}

const SHA1_HEX_LENGTH = 40;

function isSearchEntry(value: unknown): value is SearchEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<SearchEntry>;
  return (
    typeof entry.title === 'string' &&
    typeof entry.text === 'string' &&
    Array.isArray(entry.words) &&
    typeof entry.length === 'number'
  );
}

function isEntry(value: unknown, key: string): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Entry>;
  const summary = entry.summary as Partial<ArticleSummary> | undefined;
  return (
    entry.format === ENTRY_FORMAT &&
    entry.key === key &&
    typeof entry.htmlSha1 === 'string' &&
    typeof summary === 'object' &&
    summary !== null &&
    typeof summary.excerptHtml === 'string' &&
    typeof summary.excerptText === 'string' &&
    typeof summary.formulaCount === 'number' &&
    typeof summary.readingLength === 'number' &&
    Array.isArray(summary.headings) &&
    Array.isArray(summary.classNames) &&
    Array.isArray(summary.equations) &&
    Array.isArray(summary.diagnostics)
  );
}

export async function atomicWrite(file: string, content: string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content);
  } catch (error) {
    // The shard folder is made on first use only: a `mkdir` per write costs more than the write.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, content);
  }
  await rename(temporary, file);
}

function sha1(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('hex');
}
