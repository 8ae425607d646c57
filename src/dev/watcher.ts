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
  /** Absolute paths added, changed or removed, once per burst of events. */
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
 * Single files are watched through their folder (depth 0): chokidar, watching a file that
 * does not exist yet, misses some of its changes after it appears.
 */
export async function watchInputs(
  targets: WatchTargets,
  options: WatchOptions,
): Promise<InputWatcher> {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const batch = [...pending].sort();
    pending = new Set();
    if (batch.length > 0) options.onBatch(batch);
  };
  const record = (_event: string, changed: string) => {
    pending.add(path.resolve(changed));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  };

  const watchers: FSWatcher[] = [];
  const roots = new Set(targets.folders.map((folder) => path.resolve(folder)));
  if (roots.size > 0) {
    watchers.push(
      watch([...roots], {
        ignoreInitial: true,
        ignored: (file: string) => !roots.has(file) && EDITOR_LEFTOVER.test(path.basename(file)),
      }),
    );
  }
  const files = new Set(targets.files.map((file) => path.resolve(file)));
  const parents = new Set([...files].map((file) => path.dirname(file)));
  if (files.size > 0) {
    watchers.push(
      watch([...parents], {
        ignoreInitial: true,
        depth: 0,
        ignored: (file: string) => !parents.has(file) && !files.has(file),
      }),
    );
  }
  for (const watcher of watchers) {
    watcher.on('all', record);
    watcher.on('error', options.onError);
  }
  await Promise.all(
    watchers.map(
      (watcher) => new Promise<void>((resolve) => watcher.once('ready', () => resolve())),
    ),
  );
  return {
    async close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.all(watchers.map((watcher) => watcher.close()));
    },
  };
}
