import { statSync } from 'node:fs';

/**
 * How long a file that vanished or became empty is given to come back before the dev server
 * believes it. Editors and sync tools save by deleting and creating again (safe write;
 * Dropbox- and OneDrive-like tools take 10–300 ms between the two) or by truncating and then
 * writing; built in between, the site would lose the article for a moment, the open page
 * would answer 404 or show the error overlay, and the browser would reload twice and lose its
 * scroll position. A deletion or an empty file that lasts longer is built as it is. The
 * promise (README) is 300 ms; the extra 100 ms absorbs timers that fire late on a busy machine.
 */
export const SAVE_GRACE_MS = 400;

/** What a changed path is now, as far as the grace is concerned. */
export type PathState = 'present' | 'missing' | 'empty';

/** One `stat`, synchronous: it takes microseconds, where the thread pool may be busy with chokidar's. */
export function pathState(file: string): PathState {
  try {
    const info = statSync(file, { throwIfNoEntry: false });
    if (info === undefined) return 'missing';
    return info.isFile() && info.size === 0 ? 'empty' : 'present';
  } catch {
    // Unreadable: the builder will say so.
    return 'present';
  }
}

/** The decision for a batch of changed paths: hand it over now, or look again at `wakeAt`. */
export type GraceDecision = { ready: true } | { ready: false; wakeAt: number };

/**
 * Holds a batch while a path in it is missing or empty and has been so for less than
 * `graceMs`: a file of the same name that comes back (with content) in that time makes the
 * whole batch one change, built once.
 */
export class SaveGrace {
  /** When each held path was first seen missing or empty. */
  private readonly since = new Map<string, number>();

  constructor(private readonly graceMs = SAVE_GRACE_MS) {}

  decide(
    paths: Iterable<string>,
    stateOf: (file: string) => PathState,
    now: number,
  ): GraceDecision {
    let wakeAt = Infinity;
    for (const file of paths) {
      if (stateOf(file) === 'present') {
        this.since.delete(file);
        continue;
      }
      const since = this.since.get(file) ?? now;
      this.since.set(file, since);
      if (now - since < this.graceMs) wakeAt = Math.min(wakeAt, since + this.graceMs);
    }
    return wakeAt === Infinity ? { ready: true } : { ready: false, wakeAt };
  }

  /** The batch went out: its paths start afresh. */
  handedOver(paths: Iterable<string>): void {
    for (const file of paths) this.since.delete(file);
  }
}
