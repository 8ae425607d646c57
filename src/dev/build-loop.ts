import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ArticlePage, Builder, BuildResult } from '../pipeline/index.js';
import type { DevEvent } from './dev-server.js';
import type { LiveReload } from './live-reload.js';
import { movedArticles } from './moved-pages.js';
import { internalErrorOverlayHtml, overlayHtml } from './overlay.js';
import { pathState, SAVE_GRACE_MS } from './save-grace.js';
import type { OutputFile } from '../model/index.js';

/** The last good build, as served. */
export interface ServedSite {
  version: string;
  files: Map<string, OutputFile>;
}

export interface BuildLoopOptions {
  cwd: string;
  builder: Builder;
  /** Part of every version, so that a page from an earlier run of the server reloads. */
  instance: string;
  live: LiveReload;
  report: (event: DevEvent) => void;
}

/**
 * A build that read a file in the middle of its save is built again rather than shown, at
 * most this many times in a row (a file rewritten without pause must still be shown). A
 * folder replaced whole (`git checkout`) can take several: each build sees another part.
 */
const MAX_SUPERSEDED = 8;

/** How long a page that appeared may still be taken for a renamed article's new page. */
const RECENT_PAGE_MS = 10_000;

/**
 * The dev server's builds, one at a time: changes seen during a build wait and go into the
 * next one. Keeps what is served (site, base path, overlay) and tells open pages.
 */
export function createBuildLoop({ cwd, builder, instance, live, report }: BuildLoopOptions) {
  let generation = 0;
  let site: ServedSite | undefined;
  let overlay: string | null = null;
  let basePath = '/';
  const formerBasePaths = new Set<string>();

  let pending = new Set<string>();
  /** The next build reads every input: the watcher lost track, or the last build crashed. */
  let checkEverything = false;
  let everythingAsked = false;
  let running: Promise<void> | undefined;
  let stopped = false;
  let superseded = 0;
  /** Output paths changed by builds not shown to open pages (superseded ones). */
  const untold = new Set<string>();

  let pages: ArticlePage[] = [];
  /** Output paths of article pages that appeared in the last few builds, and when. */
  const recent = new Map<string, number>();
  /** Where the page of an article that moved went: old output path → new output path. */
  const movedTo = new Map<string, string>();
  let urls = new Map<string, string>();
  let movesUntold = new Map<string, string>();

  const rebuild = async (sources: string[], first: boolean): Promise<void> => {
    let result: BuildResult;
    const everything = first || checkEverything || everythingAsked;
    checkEverything = false;
    everythingAsked = false;
    try {
      result = await builder.build(
        everything ? undefined : { changedPaths: sources.map((file) => path.resolve(file)) },
      );
    } catch (error) {
      // Our bug, not the author's: say so, keep serving, and let the next build check everything.
      checkEverything = true;
      if (!first && !stopped && superseded < MAX_SUPERSEDED && isVanishedFile(error)) {
        // A file read while a folder was being replaced (`git checkout`): once it settles,
        // build again rather than show a crash.
        superseded += 1;
        await sleep(SAVE_GRACE_MS);
        for (const file of sources) pending.add(file);
        everythingAsked = true;
        return;
      }
      overlay = internalErrorOverlayHtml(error);
      live.send({ type: 'overlay', html: overlay });
      report({ kind: 'crashed', error, sources });
      return;
    }
    if (result.exitCode === 0) follow(result, first);
    if (!first && !stopped && superseded < MAX_SUPERSEDED && (await caughtMidSave(result))) {
      superseded += 1;
      for (const file of result.changed) untold.add(file);
      for (const file of sources) pending.add(file);
      return;
    }
    superseded = 0;
    if (result.exitCode !== 0) {
      overlay = overlayHtml(result.diagnostics, await sourcesFor(result, cwd));
      live.send({ type: 'overlay', html: overlay });
      report({ kind: 'failed', result, sources });
      return;
    }
    // The config may have moved the site under another base path.
    const nextBase = result.basePath ?? basePath;
    if (nextBase !== basePath && site !== undefined) formerBasePaths.add(basePath);
    formerBasePaths.delete(nextBase);
    basePath = nextBase;
    const hadOverlay = overlay !== null;
    overlay = null;
    if (hadOverlay) live.send({ type: 'clear' });
    for (const file of result.changed) untold.add(file);
    if (site === undefined || untold.size > 0) {
      generation += 1;
      site = {
        version: `${instance}-${generation}`,
        files: new Map(result.files.map((file) => [file.path, file])),
      };
      live.send({
        type: 'reload',
        version: site.version,
        changed: [...untold].sort(),
        basePath,
        moved: Object.fromEntries(movesUntold),
      });
      untold.clear();
      movesUntold = new Map();
    }
    report({ kind: 'built', result, sources });
  };

  /** Note which article pages went where, for open pages and for requests of the old URLs. */
  const follow = (result: BuildResult, first: boolean) => {
    const next = result.articlePages ?? [];
    const now = Date.now();
    for (const [file, at] of recent) if (now - at >= RECENT_PAGE_MS) recent.delete(file);
    const moves = movedArticles(pages, next, recent);
    if (!first) {
      const known = new Set(pages.map((page) => page.path));
      for (const page of next) if (!known.has(page.path)) recent.set(page.path, now);
    }
    pages = next;
    urls = new Map(next.map((page) => [page.path, page.url]));
    for (const [from, to] of moves) {
      movedTo.set(from, to.path);
      movesUntold.set(from, to.url);
    }
  };

  /**
   * Whether the build read a file caught in the middle of its save: it failed and more
   * changes came in meanwhile, or it read a file empty that has content now or was emptied
   * a moment ago (an editor that truncates, then writes; two saves milliseconds apart).
   */
  const caughtMidSave = async (result: BuildResult): Promise<boolean> => {
    if (result.exitCode !== 0 && pending.size > 0) return true;
    const suspects = new Set<string>();
    for (const [name, text] of result.sources) if (text === '') suspects.add(name);
    for (const diagnostic of result.diagnostics) {
      // A template or the templates folder missing: maybe a folder being replaced.
      if (diagnostic.severity === 'error' && ABSENCE_CODES.has(diagnostic.code))
        suspects.add(diagnostic.file);
    }
    for (const name of suspects) {
      const file = path.resolve(cwd, name);
      const before = pathState(file);
      // Changed a moment ago (a file's own time, or its folder's for one that is gone).
      const wait = SAVE_GRACE_MS - (Date.now() - changedAt(file));
      if (before !== 'present' && wait > 0) await sleep(wait);
      const after = pathState(file);
      if (after !== before || (after === 'present' && wait > 0) || pending.size > 0) {
        pending.add(file);
        everythingAsked ||= before === 'missing';
        return true;
      }
    }
    return false;
  };

  const drain = (first = false): Promise<void> => {
    if (running) return running;
    running = (async () => {
      if (first) await rebuild([], true);
      while (!stopped && (pending.size > 0 || everythingAsked)) {
        const batch = [...pending].sort();
        pending = new Set();
        await rebuild(everythingAsked ? [] : batch, false);
      }
    })().finally(() => {
      running = undefined;
      if (!stopped && (pending.size > 0 || everythingAsked)) void drain();
    });
    return running;
  };

  return {
    get site() {
      return site;
    },
    get basePath() {
      return basePath;
    },
    get overlay() {
      return overlay;
    },
    first: () => drain(true),
    /** Paths the watcher reports; `lostTrack`: check every input in the next build. */
    changed(paths: string[], lostTrack: boolean) {
      if (lostTrack) checkEverything = true;
      for (const file of paths) pending.add(file);
      if (paths.length > 0) void drain();
    },
    async rebuildAll() {
      everythingAsked = true;
      await drain();
    },
    /** Where the page at this output path went, if its article moved in this session. */
    movedUrl(file: string): string | undefined {
      let at = movedTo.get(file) ?? movedTo.get(`${file}/index.html`);
      // A page moved twice: follow it to where it is now.
      for (let hops = 0; at !== undefined && !urls.has(at) && hops < 10; hops++)
        at = movedTo.get(at);
      return at === undefined ? undefined : urls.get(at);
    },
    /** The same path under the current base path, for a URL under a base path the config left. */
    rebasedUrl(pathname: string): string | undefined {
      for (const former of formerBasePaths) {
        // `/` was the base before `/notes/`: `/notes/x/` is not `/notes/notes/x/`.
        if (pathname.startsWith(basePath) && basePath.startsWith(former)) continue;
        if (pathname.startsWith(former)) return basePath + pathname.slice(former.length);
      }
      return undefined;
    },
    async stop() {
      stopped = true;
      pending.clear();
      await running;
    },
  };
}

/** Source texts for the code frames of a failed build; the config may not be among them. */
async function sourcesFor(
  result: BuildResult,
  cwd: string,
): Promise<(file: string) => string | undefined> {
  const texts = new Map(result.sources);
  for (const { file } of result.diagnostics) {
    if (texts.has(file)) continue;
    try {
      texts.set(file, await readFile(path.resolve(cwd, file), 'utf8'));
    } catch {
      // No code frame then; the location is still printed.
    }
  }
  return (file) => texts.get(file);
}

/** Errors that say an input is not there, which a save or a replaced folder may cause for a moment. */
const ABSENCE_CODES = new Set(['template/missing', 'config/no-templates']);

/** When a file last changed, or, if it is gone, the folder it was in. */
function changedAt(file: string): number {
  for (let at = file; ; at = path.dirname(at)) {
    try {
      const info = statSync(at, { throwIfNoEntry: false });
      if (info) return Math.max(info.mtimeMs, info.ctimeMs);
    } catch {
      return 0;
    }
    if (path.dirname(at) === at) return 0;
  }
}

function isVanishedFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
