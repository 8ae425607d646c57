/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';
import { buildPosts, type BuiltSite } from './support.js';

/**
 * An article page carries only the rules of KaTeX's stylesheet its formulas use, inline
 * (issue 21). Its math must look exactly as with the whole stylesheet: every box of every
 * formula in the same place and size, in the same font.
 */

const SAMPLER = `---
title: 記号と構文をひととおり使う
date: 2025-11-20 09:00
tags: [記法]
description: 分数や行列、矢印や囲みなど、よく使う数式の書き方を一つの記事に並べます。
---

本文中の式 $\\frac{a}{b}$、$\\sqrt[3]{x}$、$\\binom{n}{k}$、$\\vec{v} \\cdot \\hat{n}$、$\\mathbb{R}^n$、$\\mathcal{F}$、$\\mathfrak{g}$、$a \\not= b \\pmod{m}$ を並べます。

和と積分は上下に範囲をとります。

$$
\\sum_{k=1}^{n} k^2 = \\frac{n(n+1)(2n+1)}{6}, \\qquad \\int_0^{\\infty} e^{-x^2} \\, dx = \\frac{\\sqrt{\\pi}}{2}
\\tag{1}
$$

行列と場合分けです。

$$
A = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}, \\quad
|x| = \\begin{cases} x & (x \\geq 0) \\\\ -x & (x < 0) \\end{cases}
$$

揃えた式には番号をつけます。

$$
\\begin{aligned}
f(x) &= \\left( \\frac{1}{1 + e^{-x}} \\right)^{2} \\\\
&\\xrightarrow[n \\to \\infty]{\\text{収束}} \\overline{z} + \\widehat{abc}
\\end{aligned}
\\tag{2}
$$

囲みや括弧、消去線、色も使います。

$$
\\boxed{E = mc^2}, \\quad \\underbrace{1 + 1 + \\cdots + 1}_{n \\text{ 個}}, \\quad \\overbrace{x + y}^{\\text{和}}, \\quad \\cancel{5x}, \\quad \\textcolor{teal}{\\operatorname{rank} A}, \\quad \\Bigl[ \\bigl( t \\bigr) \\Bigr]
$$
`;

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = await buildPosts({ 'sampler.md': SAMPLER });
  server = await serveFolder(site.out);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

/** Every box of every formula in the article: place, size and font, to a hundredth of a pixel. */
function formulaBoxes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.post__body .katex, .post__body .katex-html *')].map(
      (element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return [
          element.className,
          ...[box.x, box.y, box.width, box.height].map((n) => n.toFixed(2)),
          style.fontFamily,
          style.fontStyle,
          style.fontWeight,
          style.color,
        ].join(' ');
      },
    ),
  );
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

describe('KaTeX’s rules inline in the page', () => {
  for (const width of [390, 1280]) {
    it(`lay out every formula as the whole stylesheet does, at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const requested: string[] = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(`${server.origin}/posts/sampler/`);
      await settled(page);
      expect(requested).not.toContain('/assets/katex/katex.min.css');
      const inline = await formulaBoxes(page);

      // The same page with KaTeX's whole stylesheet in place of its part: where the part
      // was, before the site's own stylesheet, whose rules win over KaTeX's.
      await page.evaluate(async () => {
        const part = document.querySelector('head style')!;
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = '/assets/katex/katex.min.css';
        const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
        part.before(link);
        await loaded;
        part.remove();
      });
      await settled(page);
      const whole = await formulaBoxes(page);

      expect(inline.length).toBeGreaterThan(500);
      expect(inline).toEqual(whole);
      await page.close();
    });
  }
});
