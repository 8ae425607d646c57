import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StoredArticleResult } from '../content/index.js';

/** Bumped when the layout of the file or of `StoredArticleResult` changes. */
const FORMAT = 2;

/**
 * Front matter parsed by earlier builds, in one file of the cache (`front-matter.json`),
 * by a key of our code, the config and the source's path and text. A warm build in a new
 * process would otherwise spend most of its time parsing YAML it parsed before (about a
 * millisecond an article). A file that is not what we wrote is ignored and replaced.
 */
export class FrontMatterCache {
  private entries = new Map<string, StoredArticleResult>();
  /** What this builder looked up or added: what the file keeps. */
  private readonly used = new Map<string, StoredArticleResult>();
  private changed = false;

  private constructor(private readonly file: string) {}

  static async open(cacheDir: string): Promise<FrontMatterCache> {
    const cache = new FrontMatterCache(path.join(cacheDir, 'front-matter.json'));
    try {
      const stored = JSON.parse(await readFile(cache.file, 'utf8')) as unknown;
      if (isStoredFile(stored)) cache.entries = new Map(Object.entries(stored.entries));
    } catch {
      // Missing or damaged: start empty.
    }
    return cache;
  }

  get(key: string): StoredArticleResult | undefined {
    const entry = this.entries.get(key);
    if (entry) this.used.set(key, entry);
    return entry;
  }

  set(key: string, entry: StoredArticleResult): void {
    this.entries.set(key, entry);
    this.used.set(key, entry);
    this.changed = true;
  }

  /** Writes the entries this builder used, if any was added or the file holds others. */
  async save(): Promise<void> {
    if (!this.changed && this.used.size === this.entries.size) return;
    const text = JSON.stringify({ format: FORMAT, entries: Object.fromEntries(this.used) });
    const temporary = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, this.file);
    this.entries = new Map(this.used);
    this.changed = false;
  }
}

function isStoredFile(value: unknown): value is { entries: Record<string, StoredArticleResult> } {
  if (typeof value !== 'object' || value === null) return false;
  const { format, entries } = value as { format?: unknown; entries?: unknown };
  if (format !== FORMAT || typeof entries !== 'object' || entries === null) return false;
  return Object.values(entries).every(isStoredResult);
}

function isStoredResult(value: unknown): value is StoredArticleResult {
  if (typeof value !== 'object' || value === null) return false;
  const { diagnostics, article, unknownKeys } = value as {
    diagnostics?: unknown;
    article?: unknown;
    unknownKeys?: unknown;
  };
  if (!Array.isArray(diagnostics)) return false;
  if (unknownKeys !== undefined && !Array.isArray(unknownKeys)) return false;
  if (article === undefined) return true;
  const a = article as Record<string, unknown>;
  return (
    typeof a.sourcePath === 'string' &&
    typeof a.slug === 'string' &&
    typeof a.title === 'string' &&
    typeof a.date === 'string' &&
    !Number.isNaN(Date.parse(a.date)) &&
    (a.updated === undefined ||
      (typeof a.updated === 'string' && !Number.isNaN(Date.parse(a.updated)))) &&
    Array.isArray(a.tags) &&
    Array.isArray(a.authors) &&
    typeof a.draft === 'boolean' &&
    typeof a.macros === 'object' &&
    a.macros !== null &&
    typeof a.bodyLine === 'number' &&
    typeof a.bodyStart === 'number'
  );
}
