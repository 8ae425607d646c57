import path from 'node:path';
import type { SiteConfig } from '../config/index.js';
import {
  parseArticle,
  readSources,
  rereadSources,
  restoredArticleResult,
  storedArticleResult,
  type ArticleResult,
  type SourcesResult,
} from '../content/index.js';
import type { MarkdownOptions } from '../markdown/index.js';
import { articleKey } from './article-cache.js';
import { sha256 } from './fingerprint.js';
import { FrontMatterCache } from './front-matter-cache.js';
import type { BuildHint } from './options.js';
import type { Article, SourceFile } from '../model/index.js';

interface Parsed {
  text: string;
  result: ArticleResult;
}

/**
 * What a builder remembers of its sources between builds: the files as last read (a
 * build told which paths changed reads only those again), their parsed front matter by
 * path and text, and the articles' keys.
 */
export class RememberedSources {
  private lastRead: { contentDir: string; result: SourcesResult } | undefined;
  private config = '';
  private results = new Map<string, Parsed>();
  private keys = new WeakMap<Article, { salt: string; key: string }>();
  private onDisk: { dir: string; cache: FrontMatterCache } | undefined;
  private folders = new Map<string, unknown>();

  async read(contentDir: string, cwd: string, hint?: BuildHint): Promise<SourcesResult> {
    const previous = this.lastRead?.contentDir === contentDir ? this.lastRead.result : undefined;
    const result =
      (previous &&
        hint?.changedPaths &&
        (await rereadSources(previous, hint.changedPaths, contentDir, cwd))) ||
      (await readSources(contentDir, cwd));
    this.lastRead = { contentDir, result };
    return result;
  }

  /**
   * The parser for one build; what this build does not read again is forgotten. With a
   * cache folder, front matter parsed by earlier builds (in other processes) is read back.
   */
  async parser(
    config: SiteConfig,
    fingerprint: string,
    cacheDir: string | undefined,
  ): Promise<(source: SourceFile, config: SiteConfig) => ArticleResult> {
    const configKey = JSON.stringify(config);
    const previous = configKey === this.config ? this.results : new Map<string, Parsed>();
    const current = new Map<string, Parsed>();
    this.config = configKey;
    this.results = current;
    if (cacheDir && this.onDisk?.dir !== cacheDir) {
      this.onDisk = { dir: cacheDir, cache: await FrontMatterCache.open(cacheDir) };
    }
    const disk = cacheDir ? this.onDisk?.cache : undefined;
    const salt = sha256(fingerprint, configKey);
    return (source) => {
      const known = previous.get(source.path);
      // Usually the very string read last time, so the comparison is free.
      if (known?.text === source.text) {
        current.set(source.path, known);
        return known.result;
      }
      const key = disk ? sha256(salt, source.path, source.text) : '';
      const stored = disk?.get(key);
      const result = stored ? restoredArticleResult(source, stored) : parseArticle(source, config);
      if (disk && !stored) {
        const storable = storedArticleResult(result);
        if (storable) disk.set(key, storable);
      }
      current.set(source.path, { text: source.text, result });
      return result;
    };
  }

  /**
   * What `read` made of a folder the last time, while the watcher names nothing inside it;
   * without a hint, read again.
   */
  async folder<T>(dir: string, hint: BuildHint | undefined, read: () => Promise<T>): Promise<T> {
    const known = this.folders.get(dir) as T | undefined;
    const untouched = hint?.changedPaths?.every((file) => {
      const inside = path.relative(dir, file);
      return inside.startsWith('..') || path.isAbsolute(inside);
    });
    if (known !== undefined && untouched) return known;
    const value = await read();
    this.folders.set(dir, value);
    return value;
  }

  /** Keep what the parser added on disk for the next process. */
  async saveParsed(): Promise<void> {
    await this.onDisk?.cache.save();
  }

  /** `articleKey`, computed once per parsed article. */
  key(article: Article, markdown: MarkdownOptions, fingerprint: string): string {
    const salt = `${fingerprint}\u0000${JSON.stringify(markdown)}`;
    const known = this.keys.get(article);
    if (known?.salt === salt) return known.key;
    const key = articleKey(article, markdown, fingerprint);
    this.keys.set(article, { salt, key });
    return key;
  }
}
