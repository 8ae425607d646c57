import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleSite, type SharedBuild } from '../support/example-site.js';
import { fileForUrl, readPages, visibleText } from '../support/site-files.js';

let out: string;
let result: SharedBuild;
let pages: Map<string, HTMLElement>;

beforeAll(async () => {
  result = exampleSite().root;
  out = result.out;
  pages = await readPages(out);
});

function articlePages(): [string, HTMLElement][] {
  return [...pages].filter(([file]) => file.startsWith('posts/'));
}

// Its every link is checked by test/e2e/links-and-html.test.ts, on this same build.
describe('the example site', () => {
  it('builds without errors or warnings', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.stats.articles).toBeGreaterThanOrEqual(6);
  });

  it('has an index, article, tag, author and series pages and a 404 page', () => {
    const files = [...pages.keys()];
    expect(files).toContain('index.html');
    expect(files).toContain('404.html');
    expect(articlePages().length).toBe(result.stats.articles);
    expect(files.filter((f) => f.startsWith('tags/')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.startsWith('authors/')).length).toBeGreaterThanOrEqual(3);
    expect(files.some((f) => f.startsWith('series/'))).toBe(true);
  });

  it('is a Japanese site with header navigation on every page', () => {
    for (const [file, page] of pages) {
      expect(page.querySelector('html')?.getAttribute('lang'), file).toBe('ja');
      expect(page.querySelector('header nav a'), file).not.toBeNull();
    }
  });

  it('renders every formula at build time: no raw TeX delimiters, no KaTeX errors', () => {
    for (const [file, page] of pages) {
      const text = visibleText(page);
      expect(text, file).not.toMatch(/\$\$|\\\(|\\\)|\\\[|\\\]/);
      expect(page.querySelector('.katex-error, .math-error'), file).toBeNull();
    }
    const displays = articlePages().flatMap(([, page]) => page.querySelectorAll('.katex-display'));
    expect(displays.length).toBeGreaterThanOrEqual(15);
    expect(displays.every((display) => display.querySelector('math'))).toBe(true);
  });

  it('shows equation numbers with anchors in the series', () => {
    const tagged = articlePages().flatMap(([, page]) =>
      page.querySelectorAll('.math-display[id^="eq-"]'),
    );
    expect(tagged.length).toBeGreaterThanOrEqual(15);
    for (const equation of tagged) {
      const number = equation.getAttribute('id')!.slice('eq-'.length);
      expect(visibleText(equation)).toContain(`(${number})`);
    }
  });

  it('shows dates in Japanese and reading time on articles', () => {
    for (const [file, page] of articlePages()) {
      const time = page.querySelector('article time');
      expect(time?.textContent, file).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(time?.getAttribute('datetime'), file).toMatch(/\+09:00$/);
      expect(visibleText(page), file).toMatch(/約\d+分で読めます/);
    }
  });

  it('gives each article Read more cards with title, author and date, linking to other articles', () => {
    for (const [file, page] of articlePages()) {
      const cards = page.querySelectorAll('.read-more .post-card');
      expect(cards.length, file).toBe(3);
      for (const card of cards) {
        const href = card.querySelector('a')!.getAttribute('href')!;
        expect(fileForUrl(href, '/'), file).not.toBe(file);
        expect(pages.has(fileForUrl(href, '/')!), href).toBe(true);
        expect(card.querySelector('time'), file).not.toBeNull();
        expect(visibleText(card).trim().length, file).toBeGreaterThan(20);
      }
    }
  });

  it('typesets article bodies: phrase breaks in headings, short formulas kept with their punctuation, focusable displays', () => {
    const bodies = articlePages().map(([, page]) => page.querySelector('.post__body')!);
    const headings = bodies.flatMap((body) => body.querySelectorAll('h2, h3'));
    expect(headings.length).toBeGreaterThan(10);
    expect(
      headings.filter((heading) => heading.innerHTML.includes('<wbr>')).length,
    ).toBeGreaterThan(10);
    const glued = bodies.flatMap((body) => body.querySelectorAll('.nowrap'));
    expect(glued.length).toBeGreaterThan(10);
    for (const span of glued) {
      expect(span.querySelector('.katex')).not.toBeNull();
      expect(span.lastChild?.textContent).toMatch(/^[、。，．,.)）」』！？!?：；:;…]+$/);
    }
    for (const body of bodies) {
      for (const display of body.querySelectorAll('.katex-display')) {
        expect(display.getAttribute('tabindex')).toBe('0');
      }
    }
  });

  it('self-hosts KaTeX with woff2 fonts only', async () => {
    const fonts = await readdir(path.join(out, 'assets/katex/fonts'));
    expect(fonts.length).toBeGreaterThan(10);
    expect(fonts.every((font) => font.endsWith('.woff2'))).toBe(true);
  });
});
