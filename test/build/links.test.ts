import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { repo } from '../support/cli.js';

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
  return {
    cwd: root,
    contentDir: 'content',
    outDir: 'dist',
    templatesDir: path.join(repo, 'templates'),
    publicDir: 'public',
    configPath: 'sugaku.config.yaml',
    drafts: false,
    strict: false,
    cacheDir: false,
    jobs: 1,
    ...extra,
  };
}

const shown = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.code.startsWith('link/'))
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);

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
  it('warns at file:line:column for each link, anchor, image, cover and menu entry that reaches nothing', async () => {
    const result = await build(options());
    expect(result.exitCode).toBe(0);
    expect(shown(result.diagnostics)).toEqual([
      'content/posts/links.md:5:8 link/broken The cover `/images/nai.png` leads to no page or file of this site.',
      'content/posts/links.md:11:1 link/broken The link `/posts/no-such-article/` leads to no page or file of this site.',
      'content/posts/links.md:11:35 link/broken-anchor The link `/posts/kansu/#eq-9.9` leads to 「関数の極限」, which has no anchor `#eq-9.9`.',
      'content/posts/links.md:11:65 link/broken-anchor The link `#%E7%B5%90%E8%AB%96` leads to this article, which has no anchor `#結論`.',
      'content/posts/links.md:13:27 link/broken The image `/images/nai.png` leads to no page or file of this site.',
      'sugaku.config.yaml:6:10 link/broken The menu entry `/tags/%E5%B9%BE%E4%BD%95/` leads to no page or file of this site.',
    ]);
  });

  it('checks the same links under a base path', async () => {
    const result = await build(options({ basePath: '/blog/', outDir: 'blog' }));
    expect(shown(result.diagnostics)).toHaveLength(6);
  });

  it('fails with --strict and writes nothing', async () => {
    const result = await build(options({ strict: true, outDir: 'strict' }));
    expect(result.exitCode).toBe(1);
    expect(existsSync(path.join(root, 'strict'))).toBe(false);
  });
});
