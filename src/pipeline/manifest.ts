import { randomBytes } from 'node:crypto';
import { stat as statCallback, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sha256 } from './fingerprint.js';

// A build stats every file of the previous site (28,500 at 10,000 articles): the callback
// version costs about half of fs.promises' (https://github.com/nodejs/node/issues/38006).
const stat = promisify(statCallback);

/**
 * What the previous build wrote to an output folder: per file, the key it was made from,
 * its stat and, for a file other than a page, the hash of its bytes.
 */
export interface OutputManifest {
  outDir: string;
  files: Record<string, ManifestEntry>;
  /**
   * Modification times of the folders that hold at least `FOLDER_CHECK_MIN` files: a file
   * added, removed or renamed in a folder changes its time, so one stat of the folder
   * stands for the stats of its files (the search index's 10,000 fragments).
   */
  folders?: Record<string, number>;
}

/** A folder with this many files is checked by its own modification time. */
const FOLDER_CHECK_MIN = 64;

interface ManifestEntry {
  key: string;
  size: number;
  mtimeMs: number;
  sha?: string;
}

/** A file as the manifest records it: what it was made from, and its bytes' hash when known. */
export interface ManifestInput {
  key: string;
  sha?: string;
}

function manifestFile(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, 'output', `${sha256(outDir).slice(0, 24)}.json`);
}

export async function readManifest(
  cacheDir: string,
  outDir: string,
): Promise<OutputManifest | undefined> {
  try {
    const manifest = JSON.parse(
      await readFile(manifestFile(cacheDir, outDir), 'utf8'),
    ) as OutputManifest;
    return manifest.outDir === outDir && typeof manifest.files === 'object' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export async function writeManifest(
  cacheDir: string,
  outDir: string,
  files: Map<string, ManifestInput>,
): Promise<void> {
  const manifest: OutputManifest = { outDir, files: {}, folders: {} };
  const filesIn = new Map<string, number>();
  for (const [file, { key, sha }] of files) {
    // Synchronous: awaited one by one, the 28,500 stats of a 10,000-article site took
    // 1.3 s; this loop with the write takes 0.17 s.
    const info = statSync(path.join(outDir, file));
    manifest.files[file] = { key, size: info.size, mtimeMs: info.mtimeMs, ...(sha ? { sha } : {}) };
    const folder = path.posix.dirname(file);
    filesIn.set(folder, (filesIn.get(folder) ?? 0) + 1);
  }
  for (const [folder, count] of filesIn) {
    if (count >= FOLDER_CHECK_MIN)
      manifest.folders![folder] = statSync(path.join(outDir, folder)).mtimeMs;
  }
  const target = manifestFile(cacheDir, outDir);
  await mkdir(path.dirname(target), { recursive: true });
  // A name of its own: builds into other folders and dev servers share the cache folder.
  const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(manifest));
  await rename(temporary, target);
}

/**
 * The previous file can be kept if it was made from the same key and nobody touched it
 * since (same size and modification time).
 */
export async function unchangedOnDisk(
  manifest: OutputManifest | undefined,
  outDir: string,
  file: string,
  key: string,
): Promise<boolean> {
  const entry = manifest?.files[file];
  if (!entry || entry.key !== key) return false;
  return untouchedSince(entry, outDir, file);
}

/**
 * `unchangedOnDisk` without awaiting each stat, for the thousands of files a search index
 * keeps: awaited, their stats queued behind the pages' writes in libuv's thread pool (an
 * edit at 1,000 articles waited 0.3–0.5 s for them).
 */
function unchangedOnDiskSync(
  manifest: OutputManifest | undefined,
  outDir: string,
  file: string,
  key: string,
): boolean {
  const entry = manifest?.files[file];
  if (!entry || entry.key !== key) return false;
  try {
    const info = statSync(path.join(outDir, file));
    return info.size === entry.size && info.mtimeMs === entry.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * `unchangedOnDiskSync` for many files at once. Files of a folder the manifest records are
 * checked by one stat of the folder: what is missed is only a file written over in place,
 * which no build does (each writes a new file and renames it, or links it).
 */
export function allUnchangedOnDiskSync(
  manifest: OutputManifest | undefined,
  outDir: string,
  files: readonly { path: string; key: string }[],
): boolean {
  const folderUntouched = new Map<string, boolean>();
  const untouched = (folder: string) => {
    let result = folderUntouched.get(folder);
    if (result === undefined) {
      const recorded = manifest?.folders?.[folder];
      result = recorded !== undefined && mtimeOf(path.join(outDir, folder)) === recorded;
      folderUntouched.set(folder, result);
    }
    return result;
  };
  return files.every(({ path: file, key }) => {
    if (!untouched(path.posix.dirname(file))) {
      return unchangedOnDiskSync(manifest, outDir, file, key);
    }
    return manifest?.files[file]?.key === key;
  });
}

function mtimeOf(file: string): number | undefined {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs;
}

/**
 * The previous file has the bytes whose hash is `sha`, and nobody touched it since. A file
 * made again from a new key may come out the same: most of a search index after an edit.
 */
export async function sameBytesOnDisk(
  manifest: OutputManifest | undefined,
  outDir: string,
  file: string,
  sha: string,
): Promise<boolean> {
  const entry = manifest?.files[file];
  if (!entry || entry.sha !== sha) return false;
  return untouchedSince(entry, outDir, file);
}

async function untouchedSince(
  entry: ManifestEntry,
  outDir: string,
  file: string,
): Promise<boolean> {
  try {
    const info = await stat(path.join(outDir, file));
    return info.size === entry.size && info.mtimeMs === entry.mtimeMs;
  } catch {
    return false;
  }
}
