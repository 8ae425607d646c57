import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface WatchTargets {
  /** Folders watched recursively; they may not exist yet. */
  folders: string[];
  /** Single files; they may not exist yet (a config file created later). */
  files: string[];
}

export interface InputWatcher {
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Quiet time after the last event before a batch is handed over. */
  debounceMs: number;
  /** Absolute paths of files added, changed or removed (at times their folders), once per burst of events. */
  onBatch(paths: string[]): void;
  onError(error: unknown): void;
}

/**
 * Editors' temporary and lock files: Vim's `4913` and `.swp`, Emacs's `.#name` and `#name#`,
 * backups ending in `~`, JetBrains' `___jb_tmp___`. Saving through them is one change of the
 * real file; building for each would only delay the build that matters.
 */
const EDITOR_LEFTOVER = /^\.#|^#.*#$|~$|\.sw[a-p]x?$|^4913$|___jb_(?:tmp|old)___$|^\.DS_Store$/;

/**
 * Watch the inputs of a build with chokidar and hand over changed paths in batches.
 *
 * Two chokidar habits matter for a dev server:
 * - It drops a `change` of a file within 50 ms of the previous one and never reports it
 *   later, so a second save that quick (format-on-save, a fast rebuild and a fix) would be
 *   lost and the page would stay stale. Its `raw` events (every `fs.watch` event, before
 *   that throttle) are recorded too; the batch then holds the path either way.
 * - Watching a single file that does not exist yet, it misses some changes after the file
 *   appears, so single files are watched through their folder (depth 0).
 */
export async function watchInputs(
  targets: WatchTargets,
  options: WatchOptions,
): Promise<InputWatcher> {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // No look at what the paths are: chokidar has just queued an `lstat` of every file in the
  // folder (it reads the folder again on any change inside), and one of ours would wait for
  // them. A folder in a batch costs the builder a full read, never a wrong page.
  const flush = () => {
    timer = undefined;
    const batch = [...pending].sort();
    pending = new Set();
    if (batch.length > 0 && !closed) options.onBatch(batch);
  };
  const record = (file: string) => {
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  };

  const watchers: FSWatcher[] = [];
  const roots = new Set(targets.folders.map((folder) => path.resolve(folder)));
  const inFolder = (file: string) => !EDITOR_LEFTOVER.test(path.basename(file));
  if (roots.size > 0) {
    const watcher = watch([...roots], {
      ignoreInitial: true,
      ignored: (file: string) => !roots.has(file) && !inFolder(file),
    });
    watchers.push(listen(watcher, inFolder));
  }
  const files = new Set(targets.files.map((file) => path.resolve(file)));
  const parents = new Set([...files].map((file) => path.dirname(file)));
  if (files.size > 0) {
    const watcher = watch([...parents], {
      ignoreInitial: true,
      depth: 0,
      ignored: (file: string) => !parents.has(file) && !files.has(file),
    });
    watchers.push(listen(watcher, (file) => files.has(file)));
  }

  function listen(watcher: FSWatcher, accept: (file: string) => boolean): FSWatcher {
    watcher.on('all', (event, file) => {
      if (event === 'add' || event === 'change' || event === 'unlink') record(path.resolve(file));
    });
    watcher.on('raw', (_event, entry, details) => {
      const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
      if (!watched || typeof entry !== 'string' || entry === '') return;
      // A folder's watcher names the entry; a file's own watcher names the file again. (A
      // folder's entry of the folder's own name, `a/a`, is then taken for the folder: a
      // full read for the builder, never a missed change.)
      const file =
        path.basename(watched) === entry ? path.resolve(watched) : path.resolve(watched, entry);
      if (accept(file)) record(file);
    });
    watcher.on('error', options.onError);
    return watcher;
  }

  await Promise.all(
    watchers.map(
      (watcher) => new Promise<void>((resolve) => watcher.once('ready', () => resolve())),
    ),
  );
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.all(watchers.map((watcher) => watcher.close()));
    },
  };
}
