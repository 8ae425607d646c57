import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEvents, makeSite, post, type EventClient } from '../dev/support.js';
import { runCli } from '../support/cli.js';
import { startDev, until, type DevProcess } from '../support/dev-process.js';

describe('sugaku dev', () => {
  let root: string;
  let dev: DevProcess;
  let events: EventClient;

  beforeAll(async () => {
    root = await makeSite({
      'kansu.md': post('関数の極限', '極限 $\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1$ を示す。'),
      'keikoku.md': post('警告のある記事', '本文。', 'memo: 知らないキー\n'),
    });
    dev = await startDev(root);
    events = await connectEvents(dev.url);
  });
  afterAll(async () => {
    events?.close();
    if (dev && dev.child.exitCode === null) {
      dev.child.kill('SIGTERM');
      await dev.exited;
    }
    await rm(root, { recursive: true, force: true });
  });

  it('prints a summary of the first build and the URL on 127.0.0.1', () => {
    expect(dev.stdout).toMatch(
      /Built 2 articles, \d+ pages, 1 formulas in \d+\.\d\d s, 0 errors, 1 warning/,
    );
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(dev.stdout).toContain('Watching content/, templates/, public/, sugaku.config.yaml');
  });

  it('serves the site, and after an edit sends a reload event and the new content', async () => {
    const page = await fetch(new URL('/posts/kansu/', dev.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('関数の極限');

    const reload = events.next('reload');
    await writeFile(
      path.join(root, 'content/posts/kansu.md'),
      post('関数の極限', '書き直した本文。'),
    );
    expect((await reload).data.changed).toContain('posts/kansu/index.html');
    expect(await (await fetch(new URL('/posts/kansu/', dev.url))).text()).toContain(
      '書き直した本文。',
    );
    await until(() => dev.stdout.includes('content/posts/kansu.md: '), 'the rebuild line');
    // The warning of the other article was shown once, not again on every save.
    expect(
      dev.stderr.match(/keikoku\.md:\d+:\d+ warning\[front-matter\/unknown-key\]/g),
    ).toHaveLength(1);
  });

  it('prints a broken formula in the terminal with its location, and keeps serving', async () => {
    const overlay = events.next('overlay');
    await writeFile(
      path.join(root, 'content/posts/kansu.md'),
      '---\ntitle: 関数の極限\ndate: 2025-05-20\n---\n\n式 $\\frac{1}{2$ が閉じていない。\n',
    );
    await overlay;
    await until(() => dev.stderr.includes('Still serving the last good pages'), 'the failure line');
    expect(dev.stderr).toMatch(/content\/posts\/kansu\.md:6:\d+ error\[math\/katex-error\]/);
    expect(dev.stderr).toContain('> 6 | 式 $\\frac{1}{2$ が閉じていない。');
    const page = await fetch(new URL('/posts/kansu/', dev.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('書き直した本文。');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    events.close();
    dev.child.kill('SIGTERM');
    expect(await dev.exited).toBe(0);
  });
});

describe('sugaku dev after an internal error', () => {
  let root: string;
  let dev: DevProcess;
  let events: EventClient;

  beforeAll(async () => {
    root = await makeSite({ 'kansu.md': post('関数の極限', '最初の本文。') });
    // markdown-it throws on a marked article, as a bug of ours would (see throwing-markdown.mjs).
    const preload = path.join(import.meta.dirname, 'throwing-markdown.mjs');
    dev = await startDev(root, [], { NODE_OPTIONS: `--import ${preload}` });
    events = await connectEvents(dev.url);
  });
  afterAll(async () => {
    events?.close();
    if (dev && dev.child.exitCode === null) {
      dev.child.kill('SIGTERM');
      await dev.exited;
    }
    await rm(root, { recursive: true, force: true });
  });

  it('shows the article that set it off in the overlay, keeps serving, and recovers', async () => {
    const overlay = events.next('overlay');
    await writeFile(
      path.join(root, 'content/posts/ochiru.md'),
      post('落ちる記事', 'この行で落ちる。'),
    );
    const html = String((await overlay).data.html);
    expect(html).toContain('sugaku の内部エラー');
    expect(html).toMatch(/while rendering .*content\/posts\/ochiru\.md: TypeError/);
    await until(() => dev.stderr.includes('Internal error in sugaku'), 'the error in the terminal');
    expect(dev.stderr).toMatch(/while rendering .*ochiru\.md/);
    const page = await fetch(new URL('/posts/kansu/', dev.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('最初の本文。');

    const clear = events.next('clear');
    await writeFile(path.join(root, 'content/posts/ochiru.md'), post('落ちない記事', '直した。'));
    await clear;
    expect(await (await fetch(new URL('/posts/ochiru/', dev.url))).text()).toContain('直した。');
  });
});

describe('sugaku dev usage errors', () => {
  let busy: Server;
  let root: string;
  beforeAll(async () => {
    root = await makeSite({ 'a.md': post('記事', '本文。') });
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  it('exits 2 with advice when the port is taken', async () => {
    const port = (busy.address() as AddressInfo).port;
    const run = await runCli(['dev', '--port', String(port)], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    expect(run.stderr).toContain('--port');
  });

  it('exits 2 on a port that is not a number', async () => {
    const run = await runCli(['dev', '--port', 'abc'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a number');
  });

  it('does not know --out: the dev site lives in memory', async () => {
    const run = await runCli(['dev', '--out', 'dist'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--out'");
  });
});
