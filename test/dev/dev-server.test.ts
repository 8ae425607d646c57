import { open, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/index.js';
import { startDevServer, type DevServer } from '../../src/dev/index.js';
import { outputText } from '../support/site-files.js';
import { searchFiles } from '../search/support.js';
import { connectEvents, makeSite, post, rawGet, type EventClient } from './support.js';

let root: string;
let server: DevServer;
let events: EventClient;

const TAISU = post(
  '対数の性質',
  '底の変換公式 $\\log_a b = \\frac{\\log_c b}{\\log_c a}$ を示す。',
  'tags: [対数]\n',
);

async function writeSource(relative: string, text: string): Promise<void> {
  await writeFile(path.join(root, relative), text);
}

async function get(url: string, init?: RequestInit) {
  const response = await fetch(new URL(url, server.url), { redirect: 'manual', ...init });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    response,
    text: await response.text(),
  };
}

beforeAll(async () => {
  root = await makeSite(
    {
      '対数.md': TAISU,
      'kansu.md': post('関数の極限', '極限 $\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1$ を示す。'),
      'shitagaki.md': post('書きかけの記事', 'まだ途中。', 'draft: true\n'),
    },
    'title: 開発サーバーのテスト\n',
  );
  // Outside the content, templates and public folders: must never be served.
  await writeFile(path.join(root, 'secret.txt'), 'SECRET-OUTSIDE-OUTPUT');
  server = await startDevServer({
    cwd: root,
    contentDir: 'content',
    templatesDir: 'templates',
    publicDir: 'public',
    host: '127.0.0.1',
    port: 0,
  });
  events = await connectEvents(server.url);
});

afterAll(async () => {
  events?.close();
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('the dev server', () => {
  it('listens on 127.0.0.1 and serves the built home page with the live-reload client', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.type).toBe('text/html; charset=utf-8');
    expect(home.text).toContain('開発サーバーのテスト');
    expect(home.text).toContain('/__sugaku/events');
    expect(home.text.indexOf('/__sugaku/events')).toBeLessThan(home.text.lastIndexOf('</body>'));
  });

  it('shows drafts, marked 下書き', async () => {
    const draft = await get('/posts/shitagaki/');
    expect(draft.status).toBe(200);
    expect(draft.text).toContain('書きかけの記事');
    expect(draft.text).toContain('下書き');
  });

  it('serves a Japanese URL percent-encoded, and redirects a folder without its slash', async () => {
    const page = await get('/posts/%E5%AF%BE%E6%95%B0/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('対数の性質');
    const bare = await get('/posts/%E5%AF%BE%E6%95%B0');
    expect(bare.status).toBe(301);
    expect(bare.response.headers.get('location')).toBe('/posts/%E5%AF%BE%E6%95%B0/');
  });

  it('sends stylesheets and KaTeX fonts with their content types', async () => {
    const css = await get('/assets/katex/katex.min.css');
    expect(css.status).toBe(200);
    expect(css.type).toBe('text/css; charset=utf-8');
    const font = /url\((fonts\/[^)]+\.woff2)\)/.exec(css.text)?.[1];
    expect(font).toBeDefined();
    const fontResponse = await get(`/assets/katex/${font}`);
    expect(fontResponse.status).toBe(200);
    expect(fontResponse.type).toBe('font/woff2');
    expect((await get('/assets/style.css')).type).toBe('text/css; charset=utf-8');
  });

  it('serves the 404 page with status 404 for an unknown path', async () => {
    const missing = await get('/posts/%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84/');
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('text/html; charset=utf-8');
    expect(missing.text).toBe((await get('/404.html')).text);
    expect(missing.text).toContain('/__sugaku/events');
  });

  it.each([
    '/../secret.txt',
    '/../../../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/secret.txt%00.html',
    '/%c0%ae%c0%ae/secret.txt',
  ])('refuses the traversal %s', async (target) => {
    const response = await rawGet(server.url, target);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('SECRET-OUTSIDE-OUTPUT');
    expect(response.body).not.toContain('root:');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(new URL('/', server.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
    const postRequest = await fetch(new URL('/', server.url), { method: 'POST' });
    expect(postRequest.status).toBe(405);
  });

  it('answers only to localhost names, so another site cannot rebind a DNS name to it', async () => {
    expect((await rawGet(server.url, '/', 'attacker.example')).status).toBe(403);
    expect((await rawGet(server.url, '/', 'attacker.example:80')).status).toBe(403);
    expect((await rawGet(server.url, '/', `localhost:${new URL(server.url).port}`)).status).toBe(
      200,
    );
  });

  it('rebuilds when an article is saved, tells open pages to reload, and serves the new text', async () => {
    const reload = events.next('reload');
    await writeSource('content/posts/対数.md', TAISU.replace('を示す。', 'を示す。追記した一文。'));
    const event = await reload;
    expect(event.data.changed).toContain('posts/対数/index.html');
    expect((await get('/posts/%E5%AF%BE%E6%95%B0/')).text).toContain('追記した一文。');
  });

  it('keeps up with a second save right after a rebuild (format-on-save)', async () => {
    const first = events.next('reload');
    await writeSource('content/posts/対数.md', TAISU.replace('を示す。', 'を示す。一度目の保存。'));
    await first;
    const second = events.next('reload');
    await writeSource('content/posts/対数.md', TAISU.replace('を示す。', 'を示す。二度目の保存。'));
    await second;
    expect((await get('/posts/%E5%AF%BE%E6%95%B0/')).text).toContain('二度目の保存。');
  });

  it('shows broken YAML as an overlay with its code frame, keeps the last good page, and clears it when fixed', async () => {
    const overlay = events.next('overlay');
    await writeSource(
      'content/posts/kansu.md',
      '---\ntitle: 関数の極限\ndate: 2025-05-20\ntags: [解析\n---\n本文\n',
    );
    const html = String((await overlay).data.html);
    expect(html).toContain('content/posts/kansu.md:4:');
    expect(html).toContain('error[front-matter/yaml]');
    expect(html).toContain('| tags: [解析');
    // Still the last good page, not an error page.
    const page = await get('/posts/kansu/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('関数の極限');
    // A page opened now learns about the failure on connecting.
    const late = await connectEvents(server.url);
    expect(String(late.hello.data.overlay)).toContain('error[front-matter/yaml]');
    late.close();

    const clear = events.next('clear');
    await writeSource('content/posts/kansu.md', post('関数の極限', '直した本文。'));
    await clear;
    expect((await get('/posts/kansu/')).text).toContain('直した本文。');
  });

  it('shows a template syntax error in the overlay and clears it when the template is fixed', async () => {
    const file = path.join(root, 'templates/article.liquid');
    const good = await readFile(file, 'utf8');
    const overlay = events.next('overlay');
    // An unclosed tag on the first line, whatever the rest of the template says.
    await writeFile(file, `{% if article.draft \n${good}`);
    const html = String((await overlay).data.html);
    const clear = events.next('clear');
    await writeFile(file, good);
    await clear;
    expect(html).toMatch(/templates\/article\.liquid:\d+:\d+ error\[template\/syntax\]/);
    expect(html).toContain('| {% if article.draft');
  });

  it('rebuilds every page for a template edit', async () => {
    const file = path.join(root, 'templates/layouts/base.liquid');
    const reload = events.next('reload');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('</body>', '<p>テンプレートを編集</p>\n</body>'),
    );
    const { changed } = (await reload).data as { changed: string[] };
    expect(changed).toEqual(
      expect.arrayContaining(['index.html', 'posts/対数/index.html', '404.html']),
    );
    expect((await get('/posts/kansu/')).text).toContain('テンプレートを編集');
  });

  it('waits for a save that comes as a truncation, then a write, instead of serving empty pages', async () => {
    const file = path.join(root, 'templates/layouts/base.liquid');
    const text = (await readFile(file, 'utf8')).replace(
      '</body>',
      '<p>二度に分けて保存</p>\n</body>',
    );
    const reload = events.next('reload');
    // As an editor saves, on a machine too busy to write right after truncating.
    const handle = await open(file, 'w');
    await sleep(20);
    await handle.writeFile(text);
    await handle.close();
    await reload;
    expect((await get('/posts/kansu/')).text).toContain('二度に分けて保存');
  });

  it('updates the search index on every save: the served index finds the new words', async () => {
    // A new page each time, as after the reload: nothing read before is kept.
    const served = async (file: string) =>
      new Uint8Array(
        await (await fetch(new URL(`/search-index/${file}`, server.url))).arrayBuffer(),
      );
    const search = (query: string) => searchFiles(new Map(), undefined, served)(query);
    expect(await search('楕円積分')).toEqual([]);
    const reload = events.next('reload');
    await writeSource(
      'content/posts/対数.md',
      TAISU.replace('を示す。', 'を示す。楕円積分にも触れる。'),
    );
    expect((await reload).data.changed).toContain('search-index/meta.json.gz');
    expect(await search('楕円積分')).toEqual(['/posts/%E5%AF%BE%E6%95%B0/']);
    expect(await search('\\log_a')).toEqual(['/posts/%E5%AF%BE%E6%95%B0/']);
  });

  it('adds and removes pages as articles come and go', async () => {
    const added = events.next('reload');
    await writeSource('content/posts/shinki.md', post('新しい記事', '追加した。'));
    expect((await added).data.changed).toContain('posts/shinki/index.html');
    expect((await get('/posts/shinki/')).status).toBe(200);

    const removed = events.next('reload');
    await unlink(path.join(root, 'content/posts/shinki.md'));
    expect((await removed).data.changed).toContain('posts/shinki/index.html');
    expect((await get('/posts/shinki/')).status).toBe(404);
  });

  it('rebuilds for a config edit', async () => {
    const reload = events.next('reload');
    await writeSource('sugaku.config.yaml', 'title: 名前を変えたサイト\n');
    expect((await reload).data.changed).toContain('index.html');
    expect((await get('/')).text).toContain('名前を変えたサイト');
  });

  it('copies an edited public file', async () => {
    const reload = events.next('reload');
    await writeSource('public/assets/extra.css', 'body { color: red; }\n');
    expect((await reload).data.changed).toContain('assets/extra.css');
    const css = await get('/assets/extra.css');
    // Minified on its way to the site, as `sugaku build` does.
    expect(css.text).toBe('body{color:red}');
  });
});

describe('sugaku build output', () => {
  it('has no live-reload client and no drafts', async () => {
    const result = await build({
      cwd: root,
      contentDir: 'content',
      outDir: 'dist',
      templatesDir: 'templates',
      publicDir: 'public',
      drafts: false,
      strict: false,
      write: false,
      cacheDir: false,
    });
    expect(result.exitCode).toBe(0);
    const texts = await Promise.all(result.files.map(outputText));
    expect(texts.filter((text) => text.includes('<html')).length).toBeGreaterThan(0);
    expect(texts.some((text) => text.includes('__sugaku'))).toBe(false);
    expect(result.files.some((file) => file.path.startsWith('posts/shitagaki/'))).toBe(false);
  });
});

describe('a dev server under a base path', () => {
  let blog: DevServer;
  let blogRoot: string;
  beforeAll(async () => {
    blogRoot = await makeSite({ 'a.md': post('記事', '本文。') });
    blog = await startDevServer({
      cwd: blogRoot,
      contentDir: 'content',
      templatesDir: 'templates',
      publicDir: 'public',
      basePath: '/blog/',
      host: '127.0.0.1',
      port: 0,
    });
  });
  afterAll(async () => {
    await blog?.close();
    await rm(blogRoot, { recursive: true, force: true });
  });

  it('prints the URL with the base path, redirects / to it, and serves 404 outside it', async () => {
    expect(blog.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/blog\/$/);
    const origin = new URL(blog.url).origin;
    const root = await fetch(`${origin}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/blog/');
    expect((await fetch(`${origin}/blog/posts/a/`)).status).toBe(200);
    expect((await fetch(`${origin}/posts/a/`)).status).toBe(404);
  });
});
