import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBuilder, type BuildResult } from '../build/index.js';
import { outputFileBytes, type OutputFile } from '../output/index.js';
import { contentTypeFor, isHtml } from './content-type.js';
import { createLiveReload, EVENTS_PATH, injectClient, type ClientState } from './live-reload.js';
import { escapeHtml, internalErrorOverlayHtml, overlayHtml } from './overlay.js';
import { resolveRequestPath } from './request-path.js';
import type { InputWatcher } from './watcher.js';
import { watchInputsInThread } from './watcher-thread.js';

export interface DevServerOptions {
  cwd: string;
  contentDir: string;
  templatesDir: string;
  publicDir: string;
  configPath?: string;
  basePath?: string;
  strict?: boolean;
  /** `127.0.0.1` unless the author asks to be reachable from other machines. */
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Quiet time after the last file event before rebuilding (default 20 ms). */
  debounceMs?: number;
  /** Told about every build, for the terminal. */
  report?: (event: DevEvent) => void;
}

/** `sources`: absolute paths whose change caused the build; empty for the first one. */
export type DevEvent =
  | { kind: 'built'; result: BuildResult; sources: string[] }
  | { kind: 'failed'; result: BuildResult; sources: string[] }
  | { kind: 'crashed'; error: unknown; sources: string[] }
  | { kind: 'watch-error'; error: unknown };

export interface DevServer {
  /** `http://127.0.0.1:4321/` plus the base path (which a config change may move). */
  readonly url: string;
  /** Stop watching, end the event streams, close the server; waits for a running build. */
  close(): Promise<void>;
}

/** The last good build, as served. */
interface ServedSite {
  version: string;
  files: Map<string, OutputFile>;
}

/**
 * Quiet time before a batch of changes is built: long enough to take an editor's
 * truncate-and-write as one change, short enough not to show in the save → reload time.
 * A slower save costs a second build, never a stale page: changes seen during a build
 * go into the next one.
 */
const DEFAULT_DEBOUNCE_MS = 4;

/**
 * How long a build waits when a file it would read is empty: an editor saves by truncating
 * the file, then writing it, and on a busy machine the two can come further apart than the
 * debounce. Built at once, every page would be empty for a moment (an empty layout) or the
 * build would fail (an empty article). A file left empty is built after the wait.
 */
const EMPTY_FILE_WAIT_MS = 100;

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
  });
  const live = createLiveReload();
  const instance = randomBytes(4).toString('hex');
  let generation = 0;
  let site: ServedSite | undefined;
  let overlay: string | null = null;
  let basePath = '/';
  let origin = '';

  // Builds run one at a time; changes seen during a build wait and go into the next one.
  let pending = new Set<string>();
  let running: Promise<void> | undefined;
  let trustHint = true;
  const rebuild = async (sources: string[], first: boolean) => {
    let result: BuildResult;
    try {
      result = await builder.build(
        first || !trustHint
          ? undefined
          : { changedPaths: sources.map((file) => path.resolve(file)) },
      );
      trustHint = true;
    } catch (error) {
      // Our bug, not the author's: say so, keep serving, and let the next build check everything.
      trustHint = false;
      overlay = internalErrorOverlayHtml(error);
      live.send({ type: 'overlay', html: overlay });
      report({ kind: 'crashed', error, sources });
      return;
    }
    if (result.exitCode !== 0) {
      overlay = overlayHtml(result.diagnostics, await sourcesFor(result, cwd));
      live.send({ type: 'overlay', html: overlay });
      report({ kind: 'failed', result, sources });
      return;
    }
    // The config may have moved the site under another base path.
    basePath = result.basePath ?? basePath;
    const hadOverlay = overlay !== null;
    overlay = null;
    if (hadOverlay) live.send({ type: 'clear' });
    if (site === undefined || result.changed.length > 0) {
      generation += 1;
      site = {
        version: `${instance}-${generation}`,
        files: new Map(result.files.map((file) => [file.path, file])),
      };
      live.send({ type: 'reload', version: site.version, changed: result.changed });
    }
    report({ kind: 'built', result, sources });
  };
  const drain = (first = false): Promise<void> => {
    if (running) return running;
    running = (async () => {
      if (first) await rebuild([], true);
      while (pending.size > 0) {
        if ([...pending].some(isEmptyFile)) await sleep(EMPTY_FILE_WAIT_MS);
        const batch = [...pending].sort();
        pending = new Set();
        await rebuild(batch, false);
      }
    })().finally(() => {
      running = undefined;
      if (pending.size > 0) void drain();
    });
    return running;
  };

  const watcher: InputWatcher = await watchInputsInThread(
    {
      folders: [options.contentDir, options.templatesDir, options.publicDir].map((folder) =>
        path.resolve(cwd, folder),
      ),
      files: [configFile],
    },
    {
      debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
      onBatch(paths) {
        for (const file of paths) pending.add(file);
        void drain();
      },
      onError(error) {
        trustHint = false;
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
    if (pathname === EVENTS_PATH && request.method === 'GET') {
      live.accept(request, response, { type: 'hello', version: site?.version ?? null, overlay });
      return;
    }
    const head = request.method === 'HEAD';
    const target = resolveRequestPath(requestTarget, basePath);
    if (target.kind === 'bad-request')
      return sendText(response, 400, `Bad request: ${target.reason}`);
    if (site === undefined) return sendPlaceholder(response, head);
    if (target.kind === 'outside-base') {
      if (pathname === '/') return redirect(response, 302, basePath);
      return sendNotFound(response, site, head);
    }
    const file = site.files.get(target.path);
    if (file) return sendFile(response, site, target.path, file, 200, head);
    if (site.files.has(`${target.path}/index.html`)) {
      // `/posts/対数` → `/posts/対数/`, as static hosts do, so relative URLs keep working.
      const query = requestTarget.slice(pathname.length);
      return redirect(response, 301, `${pathname}/${query}`);
    }
    return sendNotFound(response, site, head);
  }

  async function sendFile(
    response: ServerResponse,
    served: ServedSite,
    filePath: string,
    file: OutputFile,
    status: number,
    head: boolean,
  ): Promise<void> {
    let body: string | Uint8Array;
    try {
      body = await outputFileBytes(file);
    } catch (error) {
      // A copied file deleted since the build; the watcher has already asked for a rebuild.
      if ('copyFrom' in file) return sendNotFound(response, served, head, filePath);
      throw error;
    }
    if (isHtml(filePath)) {
      body = injectClient(new TextDecoder().decode(body), {
        version: served.version,
        page: filePath,
      });
    }
    send(response, status, contentTypeFor(filePath), body, head);
  }

  async function sendNotFound(
    response: ServerResponse,
    served: ServedSite,
    head: boolean,
    missing?: string,
  ): Promise<void> {
    const notFound = served.files.get('404.html');
    if (notFound && missing !== '404.html') {
      return sendFile(response, served, '404.html', notFound, 404, head);
    }
    sendText(response, 404, 'Not found');
  }

  function sendPlaceholder(response: ServerResponse, head: boolean): void {
    // No good build yet: a page that shows the overlay and reloads when the site exists.
    const state: ClientState = { version: null, page: null };
    const html = injectClient(
      `<!doctype html>\n<html lang="ja">\n<head><meta charset="utf-8"><title>ビルド中 — sugaku</title></head>\n` +
        `<body><p>${escapeHtml(overlay ? 'ビルドに失敗しました。' : 'ビルドしています…')}</p></body>\n</html>\n`,
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
  origin = `http://${formatHost(address.address)}:${address.port}`;
  await drain(true);

  let closed: Promise<void> | undefined;
  return {
    get url() {
      return origin + basePath;
    },
    close() {
      closed ??= (async () => {
        await watcher.close();
        pending.clear();
        await running;
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

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
  head: boolean,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': bytes.byteLength,
    // Always fresh: the point of a dev server is to show the file as it is now.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(head ? undefined : bytes);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  send(response, status, 'text/plain; charset=utf-8', `${text}\n`, false);
}

function redirect(response: ServerResponse, status: 301 | 302, location: string): void {
  response.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  response.end();
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

function isEmptyFile(file: string): boolean {
  try {
    // Synchronous: one stat takes microseconds, where the thread pool may be busy with the watcher's.
    const info = statSync(file);
    return info.isFile() && info.size === 0;
  } catch {
    return false;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `Host: localhost:4321`, `127.0.0.1:4321`, `[::1]:4321`, `blog.localhost`. */
function isLoopbackHostHeader(header: string | undefined): boolean {
  if (header === undefined) return false;
  const name = header.startsWith('[')
    ? header.slice(1, header.indexOf(']'))
    : header.replace(/:\d*$/, '');
  return isLoopback(name.toLowerCase()) || name.toLowerCase().endsWith('.localhost');
}

function formatHost(address: string): string {
  // Bound to every interface: this machine reaches it as localhost.
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}
