import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createBuilder, type BuildResult } from '../pipeline/index.js';
import { outputFileBytes } from '../output/index.js';
import { escapeHtml } from '../util/index.js';
import { createBuildLoop } from './build-loop.js';
import { contentTypeFor, isHtml } from './content-type.js';
import {
  formatHost,
  isLoopback,
  isLoopbackHostHeader,
  listen,
  redirect,
  send,
  sendText,
} from './http.js';
import { createLiveReload, EVENTS_PATH, injectClient, type ClientState } from './live-reload.js';
import { movedNoticeHtml } from './overlay.js';
import { resolveRequestPath } from './request-path.js';
import type { InputWatcher } from './watcher.js';
import { watchInputsInThread } from './watcher-thread.js';
import type { OutputFile } from '../model/index.js';

export interface DevServerOptions {
  cwd: string;
  contentDir: string;
  templatesDir: string;
  publicDir: string;
  configPath?: string;
  basePath?: string;
  strict?: boolean;
  /** Folder of the render cache, as for `build` (default `.cache` in `cwd`); `false`: memory only. */
  cacheDir?: string | false;
  /** Worker threads, as for `build` (default: one per core). */
  jobs?: number;
  /** `127.0.0.1` unless the author asks to be reachable from other machines. */
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Quiet time after the last file event before rebuilding (default 4 ms). */
  debounceMs?: number;
  /** How often the watcher's consistency check runs (default 2 s; 0: never). */
  checkEveryMs?: number;
  /** Told about every build, for the terminal. */
  report?: (event: DevEvent) => void;
}

/** `sources`: absolute paths whose change caused the build; empty for the first one and for a full rebuild. */
export type DevEvent =
  | { kind: 'built'; result: BuildResult; sources: string[] }
  | { kind: 'failed'; result: BuildResult; sources: string[] }
  | { kind: 'crashed'; error: unknown; sources: string[] }
  | { kind: 'watch-error'; error: unknown }
  /** The consistency check found changes no file event reported; they are being built. */
  | { kind: 'missed'; paths: string[] };

export interface DevServer {
  /** `http://127.0.0.1:4321/` plus the base path (which a config change may move). */
  readonly url: string;
  /** Watch every input afresh and build everything again (the terminal's `r`). */
  rebuildAll(): Promise<void>;
  /** Stop watching, end the event streams, close the server; waits for a running build. */
  close(): Promise<void>;
}

/**
 * Quiet time before a batch of changes is built: long enough to take a burst of events as
 * one change, short enough not to show in the save → reload time. A slower save costs a
 * second build, never a stale page: changes seen during a build go into the next one.
 * (Deletions and empty files wait longer: `SAVE_GRACE_MS`.)
 */
const DEFAULT_DEBOUNCE_MS = 4;

/**
 * Build with drafts, keep the site in memory, serve it, watch the inputs and rebuild on
 * every change, telling open pages to reload or to show the build's errors.
 *
 * The site is served from memory (`write: false`): nothing on disk is half-written while
 * a browser reads it, a failed build leaves the last good site in place for free, and the
 * server can only ever answer with a file the builder produced.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const report = options.report ?? (() => {});
  const cwd = path.resolve(options.cwd);
  const configFile = path.resolve(cwd, options.configPath ?? 'sugaku.config.yaml');
  const builder = createBuilder({
    cwd,
    contentDir: options.contentDir,
    templatesDir: options.templatesDir,
    publicDir: options.publicDir,
    configPath: options.configPath,
    basePath: options.basePath,
    drafts: true,
    strict: options.strict ?? false,
    // Never written (`write: false`); named so that nothing would clobber `dist/` if it were.
    outDir: '.cache/dev',
    write: false,
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
  });
  const live = createLiveReload();
  const loop = createBuildLoop({
    cwd,
    builder,
    instance: randomBytes(4).toString('hex'),
    live,
    report,
  });

  const watcher: InputWatcher = await watchInputsInThread(
    {
      folders: [options.contentDir, options.templatesDir, options.publicDir].map((folder) =>
        path.resolve(cwd, folder),
      ),
      files: [configFile],
    },
    {
      debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
      ...(options.checkEveryMs !== undefined ? { checkEveryMs: options.checkEveryMs } : {}),
      onBatch: (batch) => loop.changed(batch.paths, batch.lostTrack),
      onMissed: (paths) => report({ kind: 'missed', paths }),
      onError(error) {
        loop.changed([], true);
        report({ kind: 'watch-error', error });
      },
    },
  );

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, 'Internal error in the sugaku dev server');
      else response.end();
      report({ kind: 'crashed', error, sources: [] });
    });
  });
  const checkHost = isLoopback(options.host);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (checkHost && !isLoopbackHostHeader(request.headers.host)) {
      // A page on another site could point a DNS name at 127.0.0.1 and read the drafts.
      return sendText(response, 403, 'Forbidden: this dev server answers to localhost only');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendText(response, 405, 'Method not allowed');
    }
    const requestTarget = request.url ?? '/';
    const pathname = requestTarget.split(/[?#]/, 1)[0] ?? '/';
    const { site, basePath, overlay } = loop;
    if (pathname === EVENTS_PATH && request.method === 'GET') {
      live.accept(request, response, {
        type: 'hello',
        version: site?.version ?? null,
        basePath,
        overlay,
      });
      return;
    }
    const head = request.method === 'HEAD';
    const target = resolveRequestPath(requestTarget, basePath);
    if (target.kind === 'bad-request')
      return sendText(response, 400, `Bad request: ${target.reason}`);
    if (site === undefined) return sendPlaceholder(response, head);
    if (target.kind === 'outside-base') {
      if (pathname === '/') return redirect(response, 302, basePath);
      return sendNotFound(response, head, loop.rebasedUrl(pathname));
    }
    const file = site.files.get(target.path);
    if (file) return sendFile(response, target.path, file, 200, head);
    if (site.files.has(`${target.path}/index.html`)) {
      // `/posts/対数` → `/posts/対数/`, as static hosts do, so relative URLs keep working.
      const query = requestTarget.slice(pathname.length);
      return redirect(response, 301, `${pathname}/${query}`);
    }
    return sendNotFound(response, head, loop.movedUrl(target.path) ?? loop.rebasedUrl(pathname));
  }

  async function sendFile(
    response: ServerResponse,
    filePath: string,
    file: OutputFile,
    status: number,
    head: boolean,
    notice = '',
  ): Promise<void> {
    const served = loop.site!;
    let body: string | Uint8Array;
    try {
      body = await outputFileBytes(file);
    } catch (error) {
      // A copied file deleted since the build; the watcher has already asked for a rebuild.
      if ('copyFrom' in file) return sendNotFound(response, head, undefined, filePath);
      throw error;
    }
    if (isHtml(filePath)) {
      const state = { version: served.version, page: filePath, basePath: loop.basePath };
      body = injectClient(new TextDecoder().decode(body), state, notice);
    }
    send(response, status, contentTypeFor(filePath), body, head);
  }

  /** The site's 404 page; with a notice where the page asked for is now, if it moved. */
  async function sendNotFound(
    response: ServerResponse,
    head: boolean,
    movedTo?: string,
    missing?: string,
  ): Promise<void> {
    const notFound = loop.site?.files.get('404.html');
    const notice = movedTo === undefined ? '' : movedNoticeHtml(movedTo);
    if (notFound && missing !== '404.html') {
      return sendFile(response, '404.html', notFound, 404, head, notice);
    }
    sendText(response, 404, movedTo === undefined ? 'Not found' : `Not found; now at ${movedTo}`);
  }

  function sendPlaceholder(response: ServerResponse, head: boolean): void {
    // No good build yet: a page that shows the overlay and reloads when the site exists.
    const state: ClientState = { version: null, page: null, basePath: loop.basePath };
    const html = injectClient(
      `<!doctype html>\n<html lang="ja">\n<head><meta charset="utf-8"><title>ビルド中 — sugaku</title></head>\n` +
        `<body><p>${escapeHtml(loop.overlay ? 'ビルドに失敗しました。' : 'ビルドしています…')}</p></body>\n</html>\n`,
      state,
    );
    send(response, 503, contentTypeFor('index.html'), html, head);
  }

  // Listen before the first build: a browser opened early sees "building" and reloads.
  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    live.close();
    await watcher.close();
    await builder.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const origin = `http://${formatHost(address.address)}:${address.port}`;
  await loop.first();

  let closed: Promise<void> | undefined;
  return {
    get url() {
      return origin + loop.basePath;
    },
    async rebuildAll() {
      await watcher.restart();
      await loop.rebuildAll();
    },
    close() {
      closed ??= (async () => {
        await watcher.close();
        await loop.stop();
        await builder.close();
        live.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}
