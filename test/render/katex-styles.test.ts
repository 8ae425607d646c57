import katex from 'katex';
import { describe, expect, test } from 'vitest';
import {
  katexStylesFor,
  katexStylesheet,
  parseKatexStylesheet,
} from '../../src/render/katex-styles.js';
import { classNamesIn } from '../../src/util/index.js';

/** The part of KaTeX's stylesheet inlined into a page (issue 21): what its formulas need, and no more. */

const SHEET = parseKatexStylesheet(
  '@font-face{font-display:block;font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2")}' +
    '@font-face{font-display:block;font-family:KaTeX_Main;src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2")}' +
    '.katex{font:normal 1.21em KaTeX_Main,Times New Roman,serif}' +
    '.katex .amsrm{font-family:KaTeX_AMS}' +
    '.katex .mfrac .frac-line{border-bottom-style:solid}' +
    '.katex .accent .accent-body:not(.accent-full){width:0}' +
    '.katex .vlist-s,.katex .vlist-t2{width:2px}' +
    '.katex .katex-version:after{content:"0.19.1{"}',
);

const stylesFor = (...classes: string[]) =>
  katexStylesFor(SHEET, new Set(classes), '/blog/assets/katex/fonts/');

describe('KaTeX rules a page needs', () => {
  test('a rule is kept when the page has every class its selector names', () => {
    expect(stylesFor('katex', 'mfrac', 'frac-line')).toContain('.katex .mfrac .frac-line{');
    expect(stylesFor('katex', 'mfrac')).not.toContain('.frac-line');
  });

  test('one selector of a list is enough; a class inside :not() need not be there', () => {
    expect(stylesFor('katex', 'vlist-t2')).toContain('.katex .vlist-s,.katex .vlist-t2{width:2px}');
    expect(stylesFor('katex', 'accent', 'accent-body')).toContain(':not(.accent-full)');
  });

  test('a font face is kept only when a kept rule names its family, with an absolute URL', () => {
    const plain = stylesFor('katex');
    expect(plain).toContain('url(/blog/assets/katex/fonts/KaTeX_Main-Regular.woff2)');
    expect(plain).not.toContain('KaTeX_AMS');
    expect(stylesFor('katex', 'amsrm')).toContain(
      'url(/blog/assets/katex/fonts/KaTeX_AMS-Regular.woff2)',
    );
  });

  test('a brace inside a string does not end a rule', () => {
    expect(stylesFor('katex', 'katex-version')).toContain(
      '.katex .katex-version:after{content:"0.19.1{"}',
    );
  });

  test('the page of a few formulas gets a fraction of the whole stylesheet, fonts of what it sets', () => {
    const html = [
      String.raw`\frac{1}{n} \sum_{k=1}^{n} k^2`,
      String.raw`\sqrt{x^2 + 1}`,
      String.raw`\mathbb{R}`,
    ]
      .map((tex) => katex.renderToString(tex, { displayMode: true }))
      .join('');
    const styles = katexStylesFor(
      katexStylesheet(),
      new Set(classNamesIn(html)),
      '/assets/katex/fonts/',
    );
    const whole = katexStylesFor(
      katexStylesheet(),
      new Set(katexStylesheet().rules.flatMap((rule) => rule.selectors.flat())),
      '/assets/katex/fonts/',
    );
    expect(styles.length).toBeLessThan(whole.length / 2);
    for (const font of ['KaTeX_Main-Regular', 'KaTeX_Size2-Regular', 'KaTeX_AMS-Regular']) {
      expect(styles).toContain(`/assets/katex/fonts/${font}.woff2`);
    }
    expect(styles).not.toContain('KaTeX_Fraktur');
    expect(styles).not.toContain('KaTeX_Typewriter');
  });
});

describe('the classes a page names', () => {
  test('every class attribute counts once, whatever the spacing; data-class is no class', () => {
    const html =
      '<p class="lead  note"><span class="mord mathnormal">x</span>' +
      '<span\nclass="mord"></span><i data-class="hidden" class="">y</i><b\tclass="mrel">=</b></p>';
    expect(classNamesIn(html)).toEqual(['lead', 'mathnormal', 'mord', 'mrel', 'note']);
  });
});
