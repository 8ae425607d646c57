import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/pipeline/index.js';
import { repo } from '../support/cli.js';
import { exampleSite } from '../support/example-site.js';
import { listFiles } from '../support/file-tree.js';
import { htmlErrors } from '../support/html-validity.js';
import { findBrokenLinks, type BrokenLink } from '../support/link-check.js';

// A build and html-validate over every page, on a 2-core machine.
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

// The example site's every link is checked here, once per run, on the shared builds.
describe('the built example site', () => {
  const out = () => exampleSite().root.out;

  it('has every internal link, image, stylesheet, font and anchor resolving to a file or an id', async () => {
    expect(exampleSite().root.exitCode).toBe(0);
    expect((await listFiles(out())).length).toBeGreaterThan(40);
    expect(described(await findBrokenLinks(out(), { siteUrl: SITE_URL }))).toEqual([]);
  });

  it('is valid HTML on every page (html-validate, recommended rules)', async () => {
    expect(await htmlErrors(out())).toEqual([]);
  });
});

describe('the example site under a base path', () => {
  it('keeps every link resolving when served from /blog/', async () => {
    const blog = exampleSite().blog;
    expect(blog.exitCode).toBe(0);
    // The site's absolute URL is then the base URL with the base path.
    const siteUrl = new URL('blog/', SITE_URL).href;
    const broken = await findBrokenLinks(blog.out, { basePath: '/blog/', siteUrl });
    expect(described(broken)).toEqual([]);
  });
});

describe('the example site with a tag and an author over two pages', () => {
  // postsPerPage is 5; three more articles tagged 解析 by sato make 7 and 6 of them.
  const out = () => path.join(root, 'paged', 'dist');
  const kaiseki = encodeURIComponent('解析');
  beforeAll(async () => {
    const content = path.join(root, 'paged', 'content');
    await cp(path.join(repo, 'content/posts'), path.join(content, 'posts'), { recursive: true });
    for (const n of [1, 2, 3]) {
      await writeFile(
        path.join(content, 'posts', `extra-${n}.md`),
        `---\ntitle: 追加の記事 ${n}\ndate: 2020-01-0${n}\ntags: [解析]\nauthor: sato\n---\n\n本文 $x^${n}$。\n`,
      );
    }
    const result = await build({
      cwd: repo,
      contentDir: content,
      outDir: out(),
      templatesDir: 'templates',
      publicDir: 'public',
      basePath: '/blog/',
      drafts: false,
      strict: false,
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('writes the second pages, linked both ways from the first', async () => {
    const files = await listFiles(out());
    expect(files).toContain('tags/解析/page/2/index.html');
    expect(files).toContain('authors/sato/page/2/index.html');
    expect(files).not.toContain('tags/解析/page/3/index.html');
    const first = await readFile(path.join(out(), 'tags/解析/index.html'), 'utf8');
    expect(first).toContain(`href="/blog/tags/${kaiseki}/page/2/" rel="next"`);
    const second = await readFile(path.join(out(), 'tags/解析/page/2/index.html'), 'utf8');
    expect(second).toContain(`href="/blog/tags/${kaiseki}/" rel="prev"`);
    expect(second).toContain('<title>タグ「解析」の記事（2ページ目） | 数学ノート</title>');
    // The three added articles are the oldest: the newest of them ends page 1, the others are page 2.
    const cards = [...second.matchAll(/class="post-card__title"><a href="[^"]*">(.*?)<\/a>/g)];
    expect(cards.map((m) => m[1]!.replace(/<wbr>/g, ''))).toEqual(['追加の記事 2', '追加の記事 1']);
  });

  it('keeps every link resolving and every page valid HTML', async () => {
    const siteUrl = new URL('blog/', SITE_URL).href;
    expect(described(await findBrokenLinks(out(), { basePath: '/blog/', siteUrl }))).toEqual([]);
    expect(await htmlErrors(out())).toEqual([]);
  });
});

describe('the link checker', () => {
  it('finds exactly the links that lead nowhere: a missing page, file, equation and heading', async () => {
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
        '[ない記事](/posts/nai/) と [資料](/files/shiryo.pdf) と [外部](https://example.org/nai/)。\n',
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
    // (A missing image would fail the build itself: see test/build/links.test.ts.)
    const bad = ['#eq-9.9', '#ない節', '/posts/zenpen/#eq-1.2', '/posts/nai/', '/files/shiryo.pdf'];
    const written = (url: string) => decodeURIComponent(url);
    const planted = new Set([...good, ...bad]);
    // Only the links written in the articles: the templates' own links are checked above.
    const broken = (await findBrokenLinks(out))
      .filter((link) => planted.has(written(link.url)))
      .map((link) => `${link.file} ${written(link.url)}`);
    expect(broken.sort()).toEqual(
      [
        'posts/kohen/index.html /files/shiryo.pdf',
        'posts/kohen/index.html /posts/nai/',
        'posts/kohen/index.html /posts/zenpen/#eq-1.2',
        'posts/zenpen/index.html #eq-9.9',
        'posts/zenpen/index.html #ない節',
      ].sort(),
    );
  });
});
