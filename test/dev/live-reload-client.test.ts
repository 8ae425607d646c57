import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { injectClient, type ClientState } from '../../src/dev/live-reload.js';

/**
 * The live-reload client as a browser runs it, with just enough of a browser around it: where
 * it sends the page, and the scroll position it leaves for the next page.
 */
function openPage(state: ClientState, pathname: string) {
  const html = injectClient('<html><body><p>本文</p></body></html>', state);
  const script = /<script data-sugaku-dev>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const listeners = new Map<string, (event: { data: string }) => void>();
  const storage = new Map<string, string>();
  const page = { went: undefined as string | undefined, reloaded: false };
  const location = {
    pathname,
    search: '',
    hash: '#shiki-2',
    href: `http://localhost${pathname}#shiki-2`,
    reload: () => (page.reloaded = true),
    replace: (url: string) => (page.went = url),
  };
  runInNewContext(script, {
    URL,
    JSON,
    Number,
    String,
    Object,
    location,
    history: {},
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => storage.set(key, value),
      removeItem: (key: string) => storage.delete(key),
    },
    window: { scrollY: 2500, scrollTo: () => {} },
    document: { readyState: 'complete', documentElement: { dataset: {} } },
    addEventListener: () => {},
    EventSource: class {
      addEventListener(type: string, listener: (event: { data: string }) => void) {
        listeners.set(type, listener);
      }
    },
  });
  const send = (type: string, data: object) => listeners.get(type)!({ data: JSON.stringify(data) });
  return { page, storage, send };
}

const state = { version: 'v1', page: 'posts/kansu/index.html', basePath: '/' };
const reload = { version: 'v2', changed: [], basePath: '/', moved: {} };

describe('a page open in the browser', () => {
  it('goes to the new URL of its renamed article, keeping its place', () => {
    const { page, storage, send } = openPage(state, '/posts/kansu/');
    send('reload', {
      ...reload,
      changed: ['posts/kansu/index.html', 'posts/kyokugen/index.html'],
      moved: { 'posts/kansu/index.html': '/posts/kyokugen/' },
    });
    expect(page.went).toBe('http://localhost/posts/kyokugen/#shiki-2');
    expect(storage.get('sugaku:scrollY:/posts/kyokugen/')).toBe('2500');
    expect(page.reloaded).toBe(false);
  });

  it('goes to the same path under the new base path', () => {
    const { page, send } = openPage(state, '/posts/kansu/');
    send('reload', { ...reload, changed: ['posts/kansu/index.html'], basePath: '/notes/' });
    expect(page.went).toBe('http://localhost/notes/posts/kansu/#shiki-2');
  });

  it('also when the base path changed while it was loading', () => {
    const { page, send } = openPage(state, '/posts/kansu/');
    send('hello', { version: 'v2', basePath: '/notes/', overlay: null });
    expect(page.went).toBe('http://localhost/notes/posts/kansu/#shiki-2');
  });

  it('reloads in place when only its own page changed, and stays put for others', () => {
    const other = openPage(state, '/posts/kansu/');
    other.send('reload', { ...reload, changed: ['posts/sekibun/index.html'] });
    expect(other.page).toEqual({ went: undefined, reloaded: false });
    const own = openPage(state, '/posts/kansu/');
    own.send('reload', { ...reload, changed: ['posts/kansu/index.html'] });
    expect(own.page).toEqual({ went: undefined, reloaded: true });
  });
});
