import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where browsers listen for build events. Outside any base path; never a page of the site. */
export const EVENTS_PATH = '/__sugaku/events';

/** What the dev server tells open pages. */
export type ReloadEvent =
  /**
   * First on every connection: the served site's version (`null` before the first good
   * build), its base path and the overlay, if any.
   */
  | { type: 'hello'; version: string | null; basePath: string; overlay: string | null }
  /**
   * A build changed these output paths; pages showing one of them reload. A page whose
   * article moved goes to `moved[page]` (a URL); a page under another base path than
   * `basePath` goes to the same path under it.
   */
  | {
      type: 'reload';
      version: string;
      changed: string[];
      basePath: string;
      moved: Record<string, string>;
    }
  /** The last build failed: show this overlay (HTML, already escaped). */
  | { type: 'overlay'; html: string }
  /** The build is good again: hide the overlay. */
  | { type: 'clear' };

export interface LiveReload {
  /** Answer a request for `EVENTS_PATH`; `greeting` goes to this client alone, first. */
  accept(request: IncomingMessage, response: ServerResponse, greeting: ReloadEvent): void;
  send(event: ReloadEvent): void;
  readonly clientCount: number;
  /** End every open stream, so the HTTP server can close. */
  close(): void;
}

const HEARTBEAT_MS = 15_000;

/** Server-Sent Events: one-way, plain HTTP, and `EventSource` reconnects by itself. */
export function createLiveReload(): LiveReload {
  const clients = new Set<ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    accept(request, response, greeting) {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Content-Type-Options': 'nosniff',
      });
      // Reconnect quickly after a restart of the dev server.
      response.write(`retry: 1000\n\n${serialize(greeting)}`);
      clients.add(response);
      request.on('close', () => clients.delete(response));
    },
    send(event) {
      const message = serialize(event);
      for (const client of clients) client.write(message);
    },
    get clientCount() {
      return clients.size;
    },
    close() {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}

function serialize(event: ReloadEvent): string {
  const { type, ...data } = event;
  // JSON escapes line breaks, so the payload is always one `data:` line.
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** What a served page knows about itself. */
export interface ClientState {
  /** The site version the page was served from; `null` before the first good build. */
  version: string | null;
  /** The output file served, e.g. `posts/対数/index.html`; `null` for the placeholder page. */
  page: string | null;
  /** The base path the page was served under. */
  basePath: string;
}

/**
 * Put the live-reload client before `</body>`. Only the dev server calls this, on the way
 * out, so `sugaku build` output never contains it.
 */
export function injectClient(html: string, state: ClientState, notice = ''): string {
  const script = `${notice}<script data-sugaku-dev>${clientScript(state)}</script>\n`;
  const end = html.toLowerCase().lastIndexOf('</body>');
  return end === -1 ? html + script : html.slice(0, end) + script + html.slice(end);
}

function clientScript(state: ClientState): string {
  // `<` escaped so no value can close the script element.
  const json = JSON.stringify(state).replace(/</g, '\\u003c');
  return `(() => {
  const state = ${json};
  const key = 'sugaku:scrollY:' + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    // Restore where the reader was, after fonts (KaTeX's too) have settled the layout.
    sessionStorage.removeItem(key);
    const restore = () => window.scrollTo(0, Number(saved));
    if (document.readyState === 'complete') restore();
    else addEventListener('load', restore, { once: true });
    if (document.fonts) document.fonts.ready.then(restore);
  }
  let version = state.version;
  let host = null;
  const keep = (pathname) => {
    // Ours, not the browser's: it would restore before KaTeX's fonts settle the layout.
    history.scrollRestoration = 'manual';
    sessionStorage.setItem('sugaku:scrollY:' + pathname, String(window.scrollY));
  };
  const reload = () => {
    keep(location.pathname);
    location.reload();
  };
  const go = (url) => {
    const next = new URL(url, location.href);
    next.search = location.search;
    next.hash = location.hash;
    keep(next.pathname);
    location.replace(next.href);
  };
  // The same path under another base path, once the config moved the site.
  const rebased = (basePath) =>
    state.page !== null && basePath !== state.basePath && location.pathname.startsWith(state.basePath)
      ? basePath + location.pathname.slice(state.basePath.length)
      : null;
  const hide = () => {
    if (host) host.remove();
    host = null;
  };
  const show = (html) => {
    hide();
    host = document.createElement('div');
    host.id = 'sugaku-overlay';
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = ${JSON.stringify(OVERLAY_STYLE)} +
      '<div class="backdrop"><div class="box" role="alertdialog" aria-modal="true" ' +
      'aria-labelledby="sugaku-overlay-title" lang="ja">' + html +
      '<p><button type="button">閉じる</button></p></div></div>';
    root.querySelector('button').addEventListener('click', hide);
    document.body.append(host);
  };
  const data = (event) => JSON.parse(event.data);
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener('hello', (event) => {
    const hello = data(event);
    // For whoever drives the page (tests, the bench): the page now hears about builds.
    document.documentElement.dataset.sugakuDev = 'connected';
    // Built again while this page loaded, or the server restarted.
    const there = rebased(hello.basePath);
    if (there !== null) return go(there);
    if (hello.version !== version) return reload();
    if (hello.overlay) show(hello.overlay);
    else hide();
  });
  events.addEventListener('reload', (event) => {
    const { version: next, changed, basePath, moved } = data(event);
    if (state.page !== null && Object.hasOwn(moved, state.page)) return go(moved[state.page]);
    const there = rebased(basePath);
    if (there !== null) return go(there);
    const affected = state.page === null ||
      changed.some((path) => path === state.page || !path.endsWith('.html'));
    if (affected) reload();
    else version = next;
  });
  events.addEventListener('overlay', (event) => show(data(event).html));
  events.addEventListener('clear', hide);
})();`;
}

// The code frame puts its caret by terminal width (a kanji is two columns), which holds in
// the browser only for a monospace font whose CJK glyphs are exactly twice as wide: Noto
// Sans Mono CJK JP and BIZ UDGothic are; generic `monospace` is often not.
const OVERLAY_STYLE = `<style>
:host { all: initial; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; box-sizing: border-box;
  padding: 2rem 1rem; background: rgba(0, 0, 0, 0.66); }
.box { max-width: 64rem; margin: 0 auto; padding: 1rem 1.5rem; border-top: 6px solid #d32f2f;
  border-radius: 6px; background: #fff; color: #1a1a1a;
  font: 16px/1.7 system-ui, "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; }
h2 { margin: 0 0 0.5rem; font-size: 1.25rem; color: #b71c1c; }
pre { overflow-x: auto; white-space: pre; margin: 1rem 0; padding: 0.75rem 1rem;
  border-left: 4px solid #d32f2f; border-radius: 4px; background: rgba(127, 127, 127, 0.12);
  font: 14px/1.5 "Noto Sans Mono CJK JP", "BIZ UDGothic", "Osaka-Mono", "MS Gothic", ui-monospace, monospace; }
.diagnostic--warning { border-left-color: #f9a825; }
button { font: inherit; padding: 0.25rem 1rem; cursor: pointer; }
@media (prefers-color-scheme: dark) {
  .box { background: #1e1e1e; color: #eee; }
  h2 { color: #ef9a9a; }
}
</style>`;
