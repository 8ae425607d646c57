import { describe, expect, test } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { focusableDisplays, gluePunctuation, typesetBody } from '../../src/markdown/typeset.js';

const math = createMathEngine();
const formula = (tex: string) =>
  math.render({
    tex,
    displayMode: false,
    macros: {},
    location: { file: 'x.md', line: 1, column: 1 },
  }).html;

describe('Japanese line breaking in article HTML', () => {
  test('a short formula and the closing punctuation after it stay on one line', () => {
    const i = formula('i');
    expect(gluePunctuation(`<p>虚数単位 ${i}、円周率</p>`)).toBe(
      `<p>虚数単位 <span class="nowrap">${i}、</span>円周率</p>`,
    );
    expect(gluePunctuation(`<p>（${i}）。</p>`)).toBe(
      `<p>（<span class="nowrap">${i}）。</span></p>`,
    );
  });

  test('a formula waiting for a link to another part of its series is glued with its marks', () => {
    const y = formula('y');
    const marked = `<!--eqref:3-->${y}<!--/eqref:3-->`;
    expect(gluePunctuation(`<p>式 ${marked}、</p>`)).toBe(
      `<p>式 <span class="nowrap">${marked}、</span></p>`,
    );
  });

  test('a formula followed by prose, and a long formula, keep their break opportunities', () => {
    const x = formula('x');
    const long = formula('\\sum_{k=0}^{n} \\binom{n}{k} a^k b^{n-k} = (a+b)^n');
    expect(gluePunctuation(`<p>${x} を</p>`)).toBe(`<p>${x} を</p>`);
    expect(gluePunctuation(`<p>${long}。</p>`)).toBe(`<p>${long}。</p>`);
  });

  test('display formulas, which may scroll, can take keyboard focus', () => {
    const display = math.render({
      tex: 'x',
      displayMode: true,
      macros: {},
      location: { file: 'x.md', line: 1, column: 1 },
    }).html;
    expect(focusableDisplays(display)).toMatch(/^<span class="katex-display" tabindex="0">/);
    expect(focusableDisplays(focusableDisplays(display))).toBe(focusableDisplays(display));
  });

  test('display formulas are not glued to anything', () => {
    const display = `<div class="math-display">${math.render({ tex: 'x', displayMode: true, macros: {}, location: { file: 'x.md', line: 1, column: 1 } }).html}</div>`;
    expect(gluePunctuation(display)).toBe(display);
  });

  test('the body gets both: phrase breaks in headings, glued punctuation in prose', () => {
    const x = formula('x');
    const html = `<h2 id="a">指数関数の微分を求める</h2>\n<p>${x}。</p>`;
    expect(typesetBody(html)).toBe(
      `<h2 id="a">指数関数の<wbr>微分を<wbr>求める</h2>\n<p><span class="nowrap">${x}。</span></p>`,
    );
  });
});
