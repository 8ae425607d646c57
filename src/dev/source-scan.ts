import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { isEditorLeftover } from './editor-files.js';

/** Every input file the dev server watches, by absolute path. */
export type SourceSnapshot = Map<string, FileStamp>;

export interface FileStamp {
  /** Size, modification time and inode: what tells that the file changed. */
  state: string;
  /**
   * When it last changed (`ctime`, which no tool can set back, unlike the modification time
   * `rsync -a` or a sync tool copies): an event reported after this moment reported the change.
   */
  changedAt: number;
}

/** Folders no build reads, which change on their own (a content folder kept in its own git repository). */
const NOT_SOURCES = new Set(['.git', 'node_modules']);

/** Whether the watcher and the consistency check pass over an entry of this name. */
export function isIgnoredName(name: string): boolean {
  return NOT_SOURCES.has(name) || isEditorLeftover(name);
}

/**
 * Walk the watched folders and files and note what each file is now. Synchronous, in the
 * watcher's thread: a thousand `stat`s take a few milliseconds there, where on the thread
 * pool they would queue before the builder's reads.
 */
export function scanSources(folders: readonly string[], files: readonly string[]): SourceSnapshot {
  const snapshot: SourceSnapshot = new Map();
  const note = (file: string) => {
    try {
      const info = statSync(file, { throwIfNoEntry: false });
      if (info?.isFile()) {
        snapshot.set(file, {
          state: `${info.size}:${info.mtimeMs}:${info.ino}`,
          changedAt: info.ctimeMs,
        });
      }
    } catch {
      // Unreadable now; the builder says why when it reads it.
    }
  };
  const walk = (folder: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else note(file);
    }
  };
  for (const folder of folders) walk(folder);
  for (const file of files) note(file);
  return snapshot;
}

/** Files added, changed or removed between two snapshots. */
export function changedBetween(before: SourceSnapshot, after: SourceSnapshot): string[] {
  const changed: string[] = [];
  for (const [file, stamp] of after) {
    if (before.get(file)?.state !== stamp.state) changed.push(file);
  }
  for (const file of before.keys()) if (!after.has(file)) changed.push(file);
  return changed.sort();
}
