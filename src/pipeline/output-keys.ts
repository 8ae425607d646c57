import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { OutputFile } from '../model/index.js';

/**
 * What an output file is made from: a hash where it is written to the output manifest; a
 * page kept in memory only (the dev server) keeps the parts themselves, which compare
 * without being hashed or joined on every save (a page names a dozen article cards of a
 * few hundred characters each).
 */
export type OutputKey = string | readonly string[];

export function sameKey(a: OutputKey | undefined, b: OutputKey): boolean {
  if (typeof a === 'string' || typeof b === 'string' || a === undefined) return a === b;
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

/** One output of a build, as the next build of the same builder compares with it. */
export interface PreviousOutput {
  key: OutputKey;
  /** The file itself, kept only when nothing is written to disk (the dev server serves it). */
  file?: OutputFile;
  /** The hash of its bytes, for a file other than a page written to disk. */
  sha?: string;
}

/** A file besides the pages, with the key it is made from; no `file` means: keep the previous one. */
export interface KeyedFile {
  path: string;
  key: string;
  file?: OutputFile;
}

/** A copied file is unchanged while its source's path, size and modification time are. */
export async function assetKey(file: OutputFile): Promise<string> {
  if (!('copyFrom' in file)) {
    return createHash('sha1')
      .update('content' in file ? file.content : file.gzipped)
      .digest('hex');
  }
  const info = await stat(file.copyFrom);
  return `copy:${file.copyFrom}:${info.size}:${info.mtimeMs}`;
}

/** Output paths added, changed or removed between two builds. */
export function changedPaths(
  before: Map<string, PreviousOutput>,
  after: Map<string, PreviousOutput>,
): string[] {
  const changed = [...after]
    .filter(([file, output]) => !sameOutput(before.get(file), output))
    .map(([file]) => file);
  const removed = [...before.keys()].filter((file) => !after.has(file));
  return [...changed, ...removed].sort();
}

/**
 * In memory a page is compared by its bytes (a new key may give the same page: the
 * browser need not reload), compressed ones by theirs; on disk by the hash of its bytes
 * where both builds made it in memory, else by its key.
 */
function sameOutput(before: PreviousOutput | undefined, after: PreviousOutput): boolean {
  if (!before) return false;
  if (before.sha !== undefined && before.sha === after.sha) return true;
  const [a, b] = [heldBytes(before.file), heldBytes(after.file)];
  if (a !== undefined && b !== undefined) {
    // A kept page is the very same object: no need to look at its bytes.
    if (a === b) return true;
    if (typeof a === 'string' && typeof b === 'string') return false;
    if (typeof a !== 'string' && typeof b !== 'string') {
      return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
    }
  }
  return sameKey(before.key, after.key);
}

function heldBytes(file: OutputFile | undefined): string | Uint8Array | undefined {
  if (file === undefined || 'copyFrom' in file) return undefined;
  return 'gzipped' in file ? file.gzipped : file.content;
}
