import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPosts, type BuiltSite } from './support.js';

/** Reading time, dates, the table of contents and the series box, as a built page shows them. */

const prose = '数列の極限を一歩ずつ確かめていきます。'.repeat(65); // 19 × 65 = 1235 characters
const code = 'x = 1  # 読まない\n'.repeat(300);

const posts = {
  'long.md': `---
title: 読むのに三分かかる記事
date: 2025-05-20 10:00
updated: 2025-06-01 09:30
series: 長い連載
part: 2
---

## はじめに

${prose}

## コード

\`\`\`python
${code}\`\`\`

### 補足

おわり。
`,
  'first.md': `---
title: 連載の第一回
date: 2025-05-01 10:00
series: 長い連載
part: 1
---

短い本文です。
`,
};

let site: BuiltSite;
const page = async (slug: string) =>
  parse(await readFile(path.join(site.out, 'posts', slug, 'index.html'), 'utf8'));

beforeAll(async () => {
  site = await buildPosts(posts);
}, 120_000);

afterAll(async () => {
  await site?.remove();
});

describe('reading aids', () => {
  it('reading time counts Japanese characters at 600 a minute and leaves code out', async () => {
    const article = await page('long');
    // 1235 + a few characters of headings: more than 2 minutes, less than 3; the code would add 10.
    expect(article.querySelector('.post-meta__reading')?.textContent).toBe('約3分で読めます');
    expect((await page('first')).querySelector('.post-meta__reading')?.textContent).toBe(
      '約1分で読めます',
    );
  });

  it('shows dates as 2025年5月20日 with a machine-readable <time>, the update too', async () => {
    const times = (await page('long')).querySelectorAll('.post__header .post-meta time');
    expect(times.map((t) => [t.textContent, t.getAttribute('datetime')])).toEqual([
      ['2025年5月20日', '2025-05-20T10:00:00+09:00'],
      ['2025年6月1日', '2025-06-01T09:30:00+09:00'],
    ]);
  });

  it('lists the ## and ### headings in the table of contents, linked to their ids', async () => {
    const article = await page('long');
    const entries = article
      .querySelectorAll('.toc a')
      .map((a) => [a.textContent, a.getAttribute('href')]);
    expect(entries).toEqual([
      ['はじめに', '#はじめに'],
      ['コード', '#コード'],
      ['補足', '#補足'],
    ]);
    for (const [, href] of entries) expect(article.getElementById(href!.slice(1))).not.toBeNull();
  });

  it('shows the series box with every part, the current one marked, and the way back', async () => {
    const box = (await page('long')).querySelector('.series-box')!;
    expect(box.querySelector('.series-box__position')?.textContent).toBe('全2回中の第2回');
    expect(
      box.querySelectorAll('.series-box__parts li').map((li) => li.textContent.trim()),
    ).toEqual(['連載の第一回', '読むのに三分かかる記事']);
    expect(box.querySelector('[aria-current="page"]')?.textContent).toBe('読むのに三分かかる記事');
    expect(box.querySelector('.series-box__previous')?.getAttribute('href')).toBe('/posts/first/');
    expect(box.querySelector('.series-box__next')).toBeNull();
  });

  it('the series page lists the parts in order, numbered', async () => {
    const html = await readFile(path.join(site.out, 'series', '長い連載', 'index.html'), 'utf8');
    const parts = parse(html)
      .querySelectorAll('.series-list__part')
      .map((li) => [
        li.querySelector('.series-list__number')?.textContent,
        li.querySelector('.post-card__title')?.textContent,
      ]);
    expect(parts).toEqual([
      ['第1回', '連載の第一回'],
      ['第2回', '読むのに三分かかる記事'],
    ]);
  });
});
