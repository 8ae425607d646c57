import { statSync, watch as watchFolder, type FSWatcher as FolderWatcher } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { pathState, SaveGrace } from './save-grace.js';
import { changedBetween, isIgnoredName, scanSources, type SourceSnapshot } from './source-scan.js';

export interface WatchTargets {
  /** Folders watched recursively; they may not exist yet. */
  folders: string[];
  /** Single files; they may not exist yet (a config file created later). */
  files: string[];
}

export interface InputWatcher {
  /** Drop every watch and start afresh (the author's "rebuild everything"). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Paths added, changed or removed (at times their folders), once per burst of events. */
export interface WatchBatch {
  paths: string[];
  /** The watcher lost track for a moment (a watched folder replaced whole): check every input. */
  lostTrack: boolean;
}

export interface WatchOptions {
  /** Quiet time after the last event before a batch is handed over. */
  debounceMs: number;
  /** How often the inputs are compared with what was reported (default 2 s); 0: never. */
  checkEveryMs?: number;
  onBatch(batch: WatchBatch): void;
  /** The consistency check found changes no event reported; they come in a batch right after. */
  onMissed(paths: string[]): void;
  onError(error: unknown): void;
}

const DEFAULT_CHECK_EVERY_MS = 2000;
/** Quiet after the last event for a watched folder's name before its watcher is made again. */
const FOLDER_SETTLE_MS = 60;
/** A change's event may arrive a little after the check saw the change on disk. */
const EVENT_LATENESS_MS = 1000;

/**
 * Watch the inputs of a build and hand over changed paths in batches.
 *
 * chokidar does the watching, with four habits a dev server must work around:
 * - It drops a `change` of a file within 50 ms of the previous one and never reports it
 *   later, so a second save that quick (format-on-save) would be lost. Its `raw` events
 *   (every `fs.watch` event, before that throttle) are recorded too.
 * - Watching a single file that does not exist yet, it misses some changes after the file
 *   appears, so single files are watched through their folder (depth 0).
 * - Watching a folder that is deleted and created again, or replaced by another moved into
 *   place (`git checkout`, a theme update, a sync tool), it goes deaf for good
 *   (https://github.com/paulmillr/chokidar/issues/555). Each watched folder has a watcher
 *   of its own, and the folder above it is watched (without chokidar) for the folder's
 *   name: when the folder there is another one, its watcher is made again.
 * - Anything else it misses, a cheap check every two seconds finds: the inputs' sizes,
 *   modification times and inodes compared with the previous look, against the paths
 *   events reported. A change nobody reported is built, said, and every watch made again.
 *
 * A batch is held while a path in it is missing or empty (`SaveGrace`), so that a save by
 * delete-and-create or truncate-and-write is built once, as the saved file.
 */
export async function watchInputs(
  targets: WatchTargets,
  options: WatchOptions,
  /** chokidar's `watch`; another in tests, to stand for a watcher that misses changes. */
  startWatch: typeof watch = watch,
): Promise<InputWatcher> {
  const roots = [...new Set(targets.folders.map((folder) => path.resolve(folder)))];
  const files = new Set(targets.files.map((file) => path.resolve(file)));
  const grace = new SaveGrace();
  /** When each path was last reported by an event, for the consistency check. */
  const reportedAt = new Map<string, number>();
  let pending = new Set<string>();
  /** The watched folders seen to exist since the start. */
  const existed = new Set<string>();
  let lostTrack = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  // No look at what the paths are but one synchronous `stat` each, in this thread: chokidar
  // has just queued an `lstat` of every file in the folder on the thread pool. A folder in a
  // batch costs the builder a full read, never a wrong page.
  const flush = () => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    // A watched folder gone for a moment (being replaced) holds every batch: a build now
    // would find no templates, or no articles.
    const held = [...pending, ...roots.filter((root) => existed.has(root))];
    const decision = grace.decide(held, pathState, Date.now());
    if (!decision.ready) return schedule(decision.wakeAt - Date.now());
    const paths = [...pending].sort();
    pending = new Set();
    // A folder still gone stays believed gone: later batches do not wait for it again.
    grace.handedOver(paths);
    const lost = lostTrack;
    lostTrack = false;
    options.onBatch({ paths, lostTrack: lost });
  };
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, ms));
  };
  const record = (file: string, lost = false) => {
    if (closed) return;
    pending.add(file);
    reportedAt.set(file, Date.now());
    if (lost) lostTrack = true;
    schedule(options.debounceMs);
  };

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
    watcher.on('error', (error) => {
      if (!closed) options.onError(error);
    });
    return watcher;
  }
  const ready = (watcher: FSWatcher) =>
    new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  // One chokidar watcher per folder, made again when the folder is another one.
  const folders = new Map<string, { identity?: number; watcher?: FSWatcher; turn: Promise<void> }>(
    roots.map((root) => [root, { turn: Promise.resolve() }]),
  );
  const rewatch = (root: string, force: boolean, quiet = false): Promise<void> => {
    const state = folders.get(root)!;
    state.turn = state.turn.then(async () => {
      const identity = folderIdentity(root);
      const same =
        identity === state.identity && (state.watcher !== undefined || identity === undefined);
      if (closed || (!force && same)) return;
      const old = state.watcher;
      state.watcher = undefined;
      state.identity = identity;
      await old?.close();
      if (!quiet) record(root, true);
      if (identity === undefined || closed) return;
      existed.add(root);
      const watcher = listen(
        startWatch(root, {
          ignoreInitial: true,
          ignored: (file: string) => file !== root && isIgnoredName(path.basename(file)),
        }),
        (file) => !isIgnoredName(path.basename(file)),
      );
      state.watcher = watcher;
      await ready(watcher);
      // What was written into the new folder before its watcher was ready: read it all now.
      if (!quiet) record(root, true);
    });
    return state.turn;
  };

  let fileWatcher: FSWatcher | undefined;
  const parents = new Set([...files].map((file) => path.dirname(file)));
  const rewatchFiles = async () => {
    const old = fileWatcher;
    fileWatcher = undefined;
    await old?.close();
    if (files.size === 0 || closed) return;
    fileWatcher = listen(
      startWatch([...parents], {
        ignoreInitial: true,
        depth: 0,
        ignored: (file: string) => !parents.has(file) && !files.has(file),
      }),
      (file) => files.has(file),
    );
    await ready(fileWatcher);
  };

  // A folder replaced comes as a few events (deleted, created, moved in). Its watcher is made
  // again once they are over, not after each: chokidar shares its `fs.watch` handles between
  // watchers by path, and one closed while still setting up a handle can leave that handle
  // behind, dead once the folder is replaced again, for every later watcher of the path.
  const settling = new Map<string, NodeJS.Timeout>();
  const settleThenRewatch = (root: string) => {
    clearTimeout(settling.get(root));
    settling.set(
      root,
      setTimeout(() => {
        settling.delete(root);
        void rewatch(root, true);
      }, FOLDER_SETTLE_MS),
    );
  };

  // The folders above the watched ones, for the watched folders' names only.
  const above: FolderWatcher[] = [];
  for (const parent of new Set(roots.map((root) => path.dirname(root)))) {
    try {
      const watcher = watchFolder(parent, (event, name) => {
        for (const root of roots) {
          // Made again even when the new folder looks the same: a folder deleted and created
          // at once often gets the old one's inode number back.
          if (path.dirname(root) === parent && (!name || path.basename(root) === String(name)))
            if (event === 'rename') settleThenRewatch(root);
        }
      });
      watcher.on('error', () => {
        // The folder above went away: the consistency check still sees what changed.
      });
      above.push(watcher);
    } catch {
      // No such folder yet: the consistency check notices when the watched one appears.
    }
  }

  // The consistency check.
  const checkEveryMs = options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS;
  let previous: { snapshot: SourceSnapshot; at: number } | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  /**
   * Whether an event for the file, or a folder it is in, came after it last changed. Events
   * are stamped in whole milliseconds (`Date.now()`), changes to the nanosecond (Linux 6.13
   * and later): an event in the millisecond of the change came after it.
   */
  const reportedAfter = (file: string, changedAt: number): boolean => {
    const changedIn = Math.floor(changedAt);
    for (let at = file; ; at = path.dirname(at)) {
      if ((reportedAt.get(at) ?? -Infinity) >= changedIn) return true;
      if (path.dirname(at) === at) return false;
    }
  };
  /** When a file changed; for one that is gone, when its folder last did. */
  const changedAt = (file: string, snapshot: SourceSnapshot, fallback: number): number =>
    snapshot.get(file)?.changedAt ?? changeTimeOf(path.dirname(file)) ?? fallback;
  const check = () => {
    if (closed) return;
    const started = Date.now();
    const snapshot = scanSources(roots, [...files]);
    const took = Date.now() - started;
    if (previous) {
      const since = previous.at;
      const suspects = changedBetween(previous.snapshot, snapshot)
        .map((file) => ({ file, at: changedAt(file, snapshot, since) }))
        .filter(({ file, at }) => !reportedAfter(file, at));
      for (const root of roots) void rewatch(root, false);
      if (suspects.length > 0) setTimeout(() => judge(suspects), EVENT_LATENESS_MS).unref();
      const forgotten = since - EVENT_LATENESS_MS - checkEveryMs;
      for (const [file, at] of reportedAt) if (at < forgotten) reportedAt.delete(file);
    }
    previous = { snapshot, at: started };
    // Never more than a few per cent of this thread, however large the site.
    checkTimer = setTimeout(check, Math.max(checkEveryMs, took * 40));
    checkTimer.unref();
  };
  const judge = (suspects: { file: string; at: number }[]) => {
    const missed = suspects.filter(({ file, at }) => !reportedAfter(file, at)).map((s) => s.file);
    if (closed || missed.length === 0) return;
    options.onMissed(missed);
    for (const file of missed) record(file, true);
    void restart(false);
  };
  const restart = async (quiet: boolean) => {
    await Promise.all([...roots.map((root) => rewatch(root, true, quiet)), rewatchFiles()]);
  };

  await Promise.all([...roots.map((root) => rewatch(root, true, true)), rewatchFiles()]);
  if (checkEveryMs > 0) check();
  return {
    async restart() {
      await restart(true);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (checkTimer) clearTimeout(checkTimer);
      timer = undefined;
      for (const watcher of above) watcher.close();
      for (const waiting of settling.values()) clearTimeout(waiting);
      await Promise.all([...folders.values()].map((state) => state.turn));
      await Promise.all([
        ...[...folders.values()].map((state) => state.watcher?.close()),
        fileWatcher?.close(),
      ]);
    },
  };
}

function changeTimeOf(file: string): number | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false })?.ctimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Which folder is there. Its inode only: a new folder often gets the old one's number back,
 * which the `rename` seen in the folder above catches, while birth times are ctimes on some
 * systems (libuv without statx) and would change with every file added.
 */
function folderIdentity(folder: string): number | undefined {
  try {
    const info = statSync(folder, { throwIfNoEntry: false });
    return info?.isDirectory() ? info.ino : undefined;
  } catch {
    return undefined;
  }
}
