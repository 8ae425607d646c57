import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build/index.js';
import { repo } from '../support/cli.js';
import { listFiles } from '../support/file-tree.js';
import { htmlErrors } from '../support/html-validity.js';
import { findBrokenLinks, type BrokenLink } from '../support/link-check.js';

// Three builds and html-validate over every page, on a 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** The example site's `baseUrl`: canonical URLs under it are checked as internal links. */
const SITE_URL = 'https://example.com/';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-links-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function described(links: BrokenLink[]): string[] {
  return links.map(({ file, url, problem }) => `${file}: ${url} (${problem})`);
}

async function buildExample(out: string, basePath?: string): Promise<void> {
  const result = await build({
    cwd: repo,
    contentDir: 'content',
    outDir: out,
    templatesDir: 'templates',
    publicDir: 'public',
    drafts: false,
    strict: false,
    ...(basePath ? { basePath } : {}),
  });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
}

describe('the built example site', () => {
  let out: string;
  beforeAll(async () => {
    out = path.join(root, 'example');
    await buildExample(out);
  });

  it('has every internal link, image, stylesheet, font and anchor resolving to a file or an id', async () => {
    expect((await listFiles(out)).length).toBeGreaterThan(40);
    expect(described(await findBrokenLinks(out, { siteUrl: SITE_URL }))).toEqual([]);
  });

  it('is valid HTML on every page (html-validate, recommended rules)', async () => {
    expect(await htmlErrors(out)).toEqual([]);
  });
});

describe('the example site under a base path', () => {
  it('keeps every link resolving when served from /blog/', async () => {
    const out = path.join(root, 'blog');
    await buildExample(out, '/blog/');
    // The site's absolute URL is then the base URL with the base path.
    const siteUrl = new URL('blog/', SITE_URL).href;
    const broken = await findBrokenLinks(out, { basePath: '/blog/', siteUrl });
    expect(described(broken)).toEqual([]);
  });
});

describe('the link checker', () => {
  it('finds exactly the links that lead nowhere: a missing page, image, equation and heading', async () => {
    const site = path.join(root, 'checker');
    const posts = path.join(site, 'content/posts');
    await mkdir(posts, { recursive: true });
    await writeFile(
      path.join(posts, 'zenpen.md'),
      '---\ntitle: 前編\ndate: 2025-05-20\n---\n\n## 定義\n\n$$\nf(x) = x^2 \\tag{1.1}\n$$\n\n' +
        '[式 (1.1)](#eq-1.1) と [定義](#定義) と [式 (9.9)](#eq-9.9) と [節](#ない節)。\n',
    );
    await writeFile(
      path.join(posts, 'kohen.md'),
      '---\ntitle: 後編\ndate: 2025-05-21\n---\n\n' +
        '[前編の式 (1.1)](/posts/zenpen/#eq-1.1) と [前編の式 (1.2)](/posts/zenpen/#eq-1.2)、' +
        '[ない記事](/posts/nai/) と ![図](/images/zu.png) と [外部](https://example.org/nai/)。\n',
    );
    const out = path.join(site, 'dist');
    const result = await build({
      cwd: site,
      contentDir: 'content',
      outDir: out,
      templatesDir: path.join(repo, 'templates'),
      publicDir: path.join(repo, 'public'),
      drafts: false,
      strict: false,
    });
    expect(result.exitCode).toBe(0);

    const good = ['#eq-1.1', '#定義', '/posts/zenpen/#eq-1.1', 'https://example.org/nai/'];
    const bad = ['#eq-9.9', '#ない節', '/posts/zenpen/#eq-1.2', '/posts/nai/', '/images/zu.png'];
    const written = (url: string) => decodeURIComponent(url);
    const planted = new Set([...good, ...bad]);
    // Only the links written in the articles: the templates' own links are checked above.
    const broken = (await findBrokenLinks(out))
      .filter((link) => planted.has(written(link.url)))
      .map((link) => `${link.file} ${written(link.url)}`);
    expect(broken.sort()).toEqual(
      [
        'posts/kohen/index.html /images/zu.png',
        'posts/kohen/index.html /posts/nai/',
        'posts/kohen/index.html /posts/zenpen/#eq-1.2',
        'posts/zenpen/index.html #eq-9.9',
        'posts/zenpen/index.html #ない節',
      ].sort(),
    );
  });
});
