import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/pipeline/index.js';
import { siteBuildOptions } from '../support/site-build.js';

/** A two-part series whose second part cites the first part's theorem, on a site numbering per section. */
let root: string;
let result: BuildResult;

const FIRST = `---
title: 平均の不等式（前編）
date: 2025-06-01
series: 平均の不等式
part: 1
---

## 二つの数

:::定理 相加平均と相乗平均 {#thm-amgm}
$a, b \\ge 0$ ならば $\\frac{a+b}{2} \\ge \\sqrt{ab}$。
:::

:::証明
$(\\sqrt{a} - \\sqrt{b})^2 \\ge 0$ を展開する。
:::
`;

const SECOND = `---
title: 平均の不等式（後編）
date: 2025-06-08
series: 平均の不等式
part: 2
---

前編の @thm-amgm を使う。[前編の定理](/posts/first/#thm-amgm)も見よ。

@thm-nai と [ない定理](/posts/first/#thm-nai)。
`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-theorems-'));
  await mkdir(path.join(root, 'content/posts'), { recursive: true });
  await writeFile(path.join(root, 'content/posts/first.md'), FIRST);
  await writeFile(path.join(root, 'content/posts/second.md'), SECOND);
  await writeFile(
    path.join(root, 'sugaku.config.yaml'),
    'title: 定理の検査\ntheorems:\n  numberWithin: section\n',
  );
  result = await build(siteBuildOptions(root));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('theorems in a built site', () => {
  it('links @thm-amgm in 後編 to 定理 1.1 of 前編, numbered per section as the config asks', async () => {
    const page = await readFile(path.join(root, 'dist/posts/second/index.html'), 'utf8');
    expect(page).toContain('<a class="thmref" href="/posts/first/#thm-amgm">定理 1.1</a>');
    const first = await readFile(path.join(root, 'dist/posts/first/index.html'), 'utf8');
    expect(first).toContain('id="thm-amgm"');
    expect(first).toContain('<span class="theorem__name">定理 1.1</span>');
  });

  it('checks links to a theorem’s label like any anchor, and reports references no part resolves', () => {
    expect(result.exitCode).toBe(0);
    expect(
      result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`).sort(),
    ).toEqual([
      'content/posts/second.md:10:1 markdown/unresolved-theorem-reference',
      'content/posts/second.md:10:12 link/broken-anchor',
    ]);
  });
});
