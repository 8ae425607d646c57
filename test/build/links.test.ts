import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/pipeline/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { siteBuildOptions } from '../support/site-build.js';

/**
 * Links an author writes into the site are checked against the pages and files the build
 * makes, as Zola does: a typo in a slug, an equation number or a menu entry is a warning at
 * the line and column where it is written, not a dead link found by a reader.
 */
let root: string;

const KANSU = `---
title: 関数の極限
date: 2025-05-20
tags: [解析]
cover: /images/kansu.png
---

## 定義

$$
\\lim_{x \\to a} f(x) = L \\tag{1.1}
$$
`;

const LINKS = `---
title: リンクの多い記事
date: 2025-05-21
tags: [解析]
cover: /images/nai.png
---

[前の記事](/posts/kansu/) の[定義](/posts/kansu/#定義)と[式 (1.1)](/posts/kansu/#eq-1.1)、
[タグ](/tags/解析/)、[となり](../kansu/)、[外部](https://example.com/nai/)、[冒頭](#まとめ)。

[ない記事](/posts/no-such-article/) と [ない式](/posts/kansu/#eq-9.9) と [ない見出し](#結論)。

![図](/images/kansu.png) と ![ない図](/images/nai.png)

## まとめ

以上。
`;

const CONFIG = `title: リンクの検査
menu:
  - label: 解析
    url: /tags/解析/
  - label: 幾何
    url: /tags/幾何/
`;

function options(extra: Partial<BuildOptions> = {}): BuildOptions {
  return siteBuildOptions(root, extra);
}

const shown = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.code.startsWith('link/'))
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}[${d.code}] ${d.message}`);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-links-'));
  await mkdir(path.join(root, 'content/posts'), { recursive: true });
  await mkdir(path.join(root, 'public/images'), { recursive: true });
  await writeFile(path.join(root, 'public/images/kansu.png'), 'png');
  await writeFile(path.join(root, 'content/posts/kansu.md'), KANSU);
  await writeFile(path.join(root, 'content/posts/links.md'), LINKS);
  await writeFile(path.join(root, 'sugaku.config.yaml'), CONFIG);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('links checked at build time', () => {
  it('reports at file:line:column each link, anchor, image, cover and menu entry that reaches nothing', async () => {
    const result = await build(options());
    // The missing image is an error: a hole in the page that every reader sees.
    expect(result.exitCode).toBe(1);
    expect(shown(result.diagnostics)).toEqual([
      'content/posts/links.md:5:8 warning[link/broken] The cover `/images/nai.png` leads to no page or file of this site.',
      'content/posts/links.md:11:1 warning[link/broken] The link `/posts/no-such-article/` leads to no page or file of this site.',
      'content/posts/links.md:11:35 warning[link/broken-anchor] The link `/posts/kansu/#eq-9.9` leads to 「関数の極限」, which has no anchor `#eq-9.9`.',
      'content/posts/links.md:11:65 warning[link/broken-anchor] The link `#%E7%B5%90%E8%AB%96` leads to this article, which has no anchor `#結論`.',
      'content/posts/links.md:13:27 error[link/broken] The image `/images/nai.png` leads to no page or file of this site.',
      'sugaku.config.yaml:6:10 warning[link/broken] The menu entry `/tags/%E5%B9%BE%E4%BD%95/` leads to no page or file of this site.',
    ]);
  });

  it('checks the same links under a base path', async () => {
    const result = await build(options({ basePath: '/blog/', outDir: 'blog' }));
    expect(shown(result.diagnostics)).toHaveLength(6);
  });

  it('fails with --strict on a dead link alone, and writes nothing', async () => {
    await writeFile(path.join(root, 'public/images/nai.png'), 'png');
    const result = await build(options({ strict: true, outDir: 'strict' }));
    expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(existsSync(path.join(root, 'strict'))).toBe(false);
    await rm(path.join(root, 'public/images/nai.png'));
  });

  it('copies the files of an article kept as a folder beside its page, where relative links find them', async () => {
    const bundle = path.join(root, 'content/posts/グラフ');
    await mkdir(bundle, { recursive: true });
    await writeFile(path.join(bundle, 'graph.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(
      path.join(bundle, 'index.md'),
      '---\ntitle: 放物線のグラフ\ndate: 2025-05-22\ncover: graph.svg\n---\n\n![放物線 y = x^2](graph.svg)\n',
    );
    await writeFile(
      path.join(root, 'content/posts/tanpyo.md'),
      '---\ntitle: 図が迷子の記事\ndate: 2025-05-23\n---\n\n図は ![グラフ](graph.svg) です。\n',
    );
    const result = await build(options({ outDir: 'bundle' }));
    const mine = result.diagnostics.filter((d) => /グラフ|tanpyo/.test(d.file));
    expect(mine.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}[${d.code}]`)).toEqual([
      'content/posts/tanpyo.md:6:4 error[link/broken]',
    ]);
    expect(mine[0]!.hint).toContain('posts/<name>/index.md');
    await rm(path.join(root, 'content/posts/tanpyo.md'));
    // The other article's missing image, supplied, so that this build writes its pages.
    await writeFile(path.join(root, 'public/images/nai.png'), 'png');
    const fixed = await build(options({ outDir: 'bundle' }));
    expect(fixed.exitCode).toBe(0);
    expect(fixed.diagnostics.filter((d) => d.file.includes('グラフ'))).toEqual([]);
    const page = await readFile(path.join(root, 'bundle/posts/グラフ/index.html'), 'utf8');
    expect(page).toContain('src="graph.svg"');
    expect(page).toMatch(
      /og:image" content="[^"]*\/posts\/%E3%82%B0%E3%83%A9%E3%83%95\/graph\.svg"/,
    );
    expect(await readFile(path.join(root, 'bundle/posts/グラフ/graph.svg'), 'utf8')).toContain(
      '<svg',
    );
  });
});
