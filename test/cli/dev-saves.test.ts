import { existsSync } from 'node:fs';
import { open, readdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, until, type DevProcess } from '../support/dev-process.js';
import { connectEvents, makeSite, post, type EventClient } from '../dev/support.js';

/** Saves made the way editors, sync tools and git make them, against a real `sugaku dev`. */
describe('sugaku dev under editors and sync tools', () => {
  let root: string;
  let dev: DevProcess;
  let events: EventClient;
  const article = () => path.join(root, 'content/posts/kansu.md');

  beforeAll(async () => {
    root = await makeSite({
      'kansu.md': post('関数の極限', '最初の本文。'),
      'sekibun.md': post('積分の定義', 'リーマン和の極限として定める。'),
    });
    dev = await startDev(root);
    events = await connectEvents(dev.url);
  });
  afterAll(async () => {
    events?.close();
    await dev?.stop();
    await rm(root, { recursive: true, force: true });
  });

  const page = async (url = '/posts/kansu/') => {
    const response = await fetch(new URL(url, dev.url));
    return { status: response.status, text: await response.text() };
  };
  const shows = (mark: string, url?: string) =>
    until(async () => (await page(url)).text.includes(mark), mark, 10_000);
  const overlays = () => events.received.filter((event) => event.type === 'overlay').length;

  it.each([10, 50, 150, 300])(
    'takes a delete and a create %i ms later as one save: no 404, one reload',
    async (gap) => {
      const before = events.received.length;
      await unlink(article());
      await sleep(gap);
      await writeFile(article(), post('関数の極限', `消して作り直した（${gap} ms）。`));
      await shows(`消して作り直した（${gap} ms）。`);
      const reloads = events.received.slice(before).filter((event) => event.type === 'reload');
      expect(reloads).toHaveLength(1);
      expect(reloads[0]!.data.changed).toContain('posts/kansu/index.html');
    },
  );

  it('takes a truncation and a write up to 250 ms later as one save, without an error', async () => {
    for (const gap of [5, 40, 120, 250]) {
      const before = overlays();
      const handle = await open(article(), 'w');
      await sleep(gap);
      await handle.writeFile(post('関数の極限', `二度に分けて書いた（${gap} ms）。`));
      await handle.close();
      await shows(`二度に分けて書いた（${gap} ms）。`);
      expect(overlays()).toBe(before);
    }
    expect(dev.stderr).not.toContain('The file is empty');
  });

  it('shows the second of two saves 0–20 ms apart, and never an error, 24 times over', async () => {
    const before = overlays();
    for (let round = 0; round < 24; round++) {
      const gap = [0, 2, 5, 10, 15, 20][round % 6]!;
      await writeFile(article(), post('関数の極限', `一度目の保存 ${round}。`));
      await sleep(gap);
      await writeFile(article(), post('関数の極限', `二度目の保存 ${round}。`));
      await shows(`二度目の保存 ${round}。`);
    }
    // Whatever the last build saw of the last round: the page ends as saved.
    await sleep(400);
    expect((await page()).text).toContain('二度目の保存 23。');
    expect(overlays()).toBe(before);
    expect(dev.stderr).not.toContain('The file is empty');
    expect(dev.stderr).not.toMatch(/error\[/);
  });

  it("never lists editors' and sync tools' temp and backup files", async () => {
    const posts = path.join(root, 'content/posts');
    const leftovers = [
      'kansu.md.abc123.tmp',
      '.kansu.md.Ab12Cd',
      '4913',
      'kansu.md~',
      '#kansu.md#',
      '.kansu.md.swp',
      '.kansu.md.swx',
    ];
    for (const name of leftovers) await writeFile(path.join(posts, name), 'x');
    // Emacs's lock: a dangling symlink.
    await symlink('user@host.1234:1700000000', path.join(posts, '.#kansu.md'));
    // A save through a temp file renamed over the article (VS Code, atomic-write libraries).
    await writeFile(
      path.join(posts, 'kansu.md.f00ba4.tmp'),
      post('関数の極限', '一時ファイル経由。'),
    );
    await rename(path.join(posts, 'kansu.md.f00ba4.tmp'), article());
    await shows('一時ファイル経由。');
    for (const name of [...leftovers, '.#kansu.md']) await rm(path.join(posts, name));
    await sleep(300);
    const terminal = dev.stdout + dev.stderr;
    for (const name of [...leftovers, '.#kansu.md', 'kansu.md.f00ba4.tmp', 'tmp']) {
      expect(terminal).not.toContain(name);
    }
    expect(dev.stdout).toMatch(/content\/posts\/kansu\.md: \d+ files? changed/);
  });

  it('sends an open page to the new URL of a renamed article, and the old URL says where it went', async () => {
    const reload = events.next('reload');
    await rename(article(), path.join(root, 'content/posts/kyokugen.md'));
    const { moved } = (await reload).data as { moved: Record<string, string> };
    expect(moved).toEqual({ 'posts/kansu/index.html': '/posts/kyokugen/' });
    const old = await page('/posts/kansu/');
    expect(old.status).toBe(404);
    expect(old.text).toContain('<a href="/posts/kyokugen/">/posts/kyokugen/</a> に移りました');
    expect((await page('/posts/kyokugen/')).text).toContain('一時ファイル経由。');
  });

  it('follows a new slug by the title, and a new base path by the same path under it', async () => {
    const renamed = events.next('reload');
    await writeFile(
      path.join(root, 'content/posts/sekibun.md'),
      post('積分の定義', '区分求積法の極限として定める。', 'slug: riemann\n'),
    );
    const { moved } = (await renamed).data as { moved: Record<string, string> };
    expect(moved).toEqual({ 'posts/sekibun/index.html': '/posts/riemann/' });

    const rebased = events.next('reload');
    await writeFile(path.join(root, 'sugaku.config.yaml'), 'basePath: /notes/\n');
    expect((await rebased).data.basePath).toBe('/notes/');
    const old = await page('/posts/riemann/');
    expect(old.status).toBe(404);
    expect(old.text).toContain('href="/notes/posts/riemann/"');
    expect((await page('/notes/posts/riemann/')).status).toBe(200);
    expect((await page('/notes/posts/nothing/')).text).not.toContain('data-sugaku-moved');

    const back = events.next('reload');
    await writeFile(path.join(root, 'sugaku.config.yaml'), '');
    expect((await back).data.basePath).toBe('/');
    expect((await page('/notes/posts/riemann/')).text).toContain('href="/posts/riemann/"');
  });
});

describe('sugaku dev --cache-dir, --jobs, --no-cache', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeSite({ 'kansu.md': post('関数の極限', '極限 $\\lim_{x \\to 0} x = 0$。') });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps its render cache where --cache-dir says, and none in the folder it runs in', async () => {
    const dev = await startDev(root, ['--cache-dir', '../dev-cache', '--jobs', '1']);
    const cache = path.resolve(root, '../dev-cache');
    try {
      await until(() => existsSync(cache), 'the cache folder');
      expect((await readdir(cache)).length).toBeGreaterThan(0);
    } finally {
      await dev.stop();
      await rm(cache, { recursive: true, force: true });
    }
    expect(existsSync(path.join(root, '.cache'))).toBe(false);
  });

  it('keeps no cache on disk with --no-cache', async () => {
    const dev = await startDev(root, ['--no-cache']);
    await (await fetch(dev.url)).text();
    await sleep(700);
    await dev.stop();
    expect(existsSync(path.join(root, '.cache'))).toBe(false);
  });
});
