import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/pipeline/index.js';
import { defaultConfig } from '../../src/config/index.js';
import { parseArticle } from '../../src/content/index.js';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { exampleSite } from '../support/example-site.js';
import { fileForUrl, outputText, visibleText } from '../support/site-files.js';

/**
 * Three short derivations written the way authors write them (a two-part series that
 * refers back to 前編, Japanese inside `aligned`, a row that lost its `\\`, restated
 * tags, `\label`/`\eqref` in prose and math, per-article macros) and a draft with a
 * broken formula, built as a whole site.
 */
const repo = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(repo, 'test/fixtures/derivations');

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60\u3000-\u303f]/;

function options(drafts: boolean) {
  return {
    cwd: fixture,
    contentDir: '.',
    outDir: 'dist',
    templatesDir: path.join(repo, 'templates'),
    publicDir: path.join(repo, 'public'),
    drafts,
    strict: false,
    write: false,
    cacheDir: false as const,
    jobs: 1,
  };
}

let site: BuildResult;
let pages: Map<string, HTMLElement>;

beforeAll(async () => {
  site = await build(options(false));
  const html = site.files.filter((file) => file.path.endsWith('.html'));
  pages = new Map(
    await Promise.all(
      html.map(async (file) => [file.path, parse(await outputText(file))] as const),
    ),
  );
});

function articles(): [string, HTMLElement][] {
  return [...pages].filter(([file]) => file.startsWith('posts/'));
}

/** The article's own body, without the lists, cards and navigation around it. */
function body(page: HTMLElement): HTMLElement {
  const found = page.querySelector('.post__body') ?? page.querySelector('article');
  if (!found) throw new Error('no article body');
  return found;
}

/** The element a link points to, in the page it points to, if both exist. */
function target(from: string, href: string): HTMLElement | undefined {
  const [address, fragment] = href.split('#');
  const file = address === '' ? from : fileForUrl(address!, '/');
  const page = file ? pages.get(file) : undefined;
  if (!page || !fragment) return undefined;
  const id = decodeURIComponent(fragment);
  return page.querySelectorAll('[id]').find((element) => element.getAttribute('id') === id);
}

async function lineOf(file: string, snippet: string): Promise<number> {
  const text = await readFile(path.join(fixture, 'posts', file), 'utf8');
  return text.split('\n').findIndex((line) => line.includes(snippet)) + 1;
}

describe('a site of Japanese derivations', () => {
  it('builds, with exactly the lint warning for the row that lost its \\\\', async () => {
    expect(site.exitCode).toBe(0);
    const line = await lineOf('sum-of-powers-2.md', '2n(n+1) + n \\');
    expect(site.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`)).toEqual([
      `posts/sum-of-powers-2.md:${line} warning math/lost-row-break`,
    ]);
    expect(articles()).toHaveLength(3);
  });

  it('renders no Japanese glyph in math mode: every one is in a text span', () => {
    let japaneseInMath = 0;
    for (const [file, page] of articles()) {
      for (const element of body(page).querySelectorAll('.katex-html *')) {
        const own = element.childNodes
          .filter((node) => node.nodeType === 3)
          .map((node) => node.rawText);
        if (!JAPANESE.test(own.join(''))) continue;
        expect(element.closest('.text'), `${file}: ${element.toString()}`).not.toBeNull();
        japaneseInMath++;
      }
      for (const element of body(page).querySelectorAll('math mi, math mo, math mn')) {
        expect(element.textContent, file).not.toMatch(JAPANESE);
      }
    }
    expect(japaneseInMath).toBeGreaterThanOrEqual(5);
  });

  it('links every prose 式 (N.M) whose equation exists to that equation’s page and anchor', () => {
    let checked = 0;
    for (const [file, page] of articles()) {
      // A link's name (「式 (2.4)」) is no 式 of the prose.
      const html = body(page).innerHTML.replace(/ aria-label="[^"]*"/g, '');
      for (const match of html.matchAll(
        /式\s*(?:<a class="eqref" href="([^"]*)">)?[(（]([\d.]+)[)）]/g,
      )) {
        const [, href, number] = match;
        expect(href, `${file}: 式 (${number}) is not a link`).toBeDefined();
        const equation = target(file, href!.replace(/&amp;/g, '&'));
        expect(equation, `${file}: ${href}`).toBeDefined();
        expect(visibleText(equation!.querySelector('.katex-tag')!)).toContain(`(${number})`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('links 後編’s references to 前編 to the page of 前編', () => {
    const links = body(pages.get('posts/sum-of-powers-2/index.html')!)
      .querySelectorAll('a')
      .map((a) => a.getAttribute('href'));
    expect(links).toContain('/posts/sum-of-powers-1/#eq-1.2');
    expect(links).toContain('/posts/sum-of-powers-1/#eq-1.3');
  });

  it('makes every \\eqref a link showing the number of the labelled equation', async () => {
    let checked = 0;
    for (const [file, page] of articles()) {
      const source = await readFile(
        path.join(fixture, file.replace(/\/index\.html$/, '.md')),
        'utf8',
      );
      const written = source.match(/\\eqref\{/g)?.length ?? 0;
      // Links showing `(N)` that are not a prose `式 (N)` nor a restated tag.
      const eqrefs = body(page)
        .querySelectorAll('a')
        .filter((a) => /^\([\d.]+\)$/.test(a.textContent))
        .filter((a) => !/式\s*$/.test(a.previousSibling?.rawText ?? ''))
        .filter((a) => !a.closest('.katex-tag'));
      expect(eqrefs, file).toHaveLength(written);
      for (const link of eqrefs) {
        const equation = target(file, link.getAttribute('href')!);
        expect(equation, `${file}: ${link.toString()}`).toBeDefined();
        expect(visibleText(equation!.querySelector('.katex-tag')!)).toContain(link.textContent);
        checked++;
      }
      expect(visibleText(body(page)), file).not.toMatch(/\\eqref|\(\?\?\)/);
    }
    expect(checked).toBe(5);
  });

  it('gives each number one anchor: restatements link back to the original instead', () => {
    for (const [file, page] of articles()) {
      const ids = body(page)
        .querySelectorAll('[id^="eq-"]')
        .map((element) => element.getAttribute('id'));
      expect(new Set(ids).size, file).toBe(ids.length);
    }
    const second = body(pages.get('posts/sum-of-powers-2/index.html')!);
    const tagLinks = second
      .querySelectorAll('.katex-tag a')
      .map((a) => `${a.getAttribute('href')} ${a.textContent}`);
    expect(tagLinks).toEqual(['/posts/sum-of-powers-1/#eq-1.3 1.3、再掲', '#eq-2.2 2.2']);
  });

  it('numbers labelled equations without a tag automatically: (1), (2)', () => {
    const page = body(pages.get('posts/cauchy-schwarz/index.html')!);
    const tags = page
      .querySelectorAll('.math-display[id] .katex-tag')
      .map((tag) => visibleText(tag));
    expect(tags).toEqual(['(1)', '(2)']);
  });

  it('fails on the lint warning with --strict', async () => {
    const strict = await build({ ...options(false), strict: true });
    expect(strict.exitCode).toBe(1);
    expect(strict.diagnostics.map((d) => d.code)).toEqual(['math/lost-row-break']);
  });

  it('fails with exit 1 at the broken formula of the draft, which renders as an error box', async () => {
    const withDraft = await build(options(true));
    expect(withDraft.exitCode).toBe(1);
    const line = await lineOf('unfinished-note.md', '\\frac{1}{n+1');
    expect(withDraft.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'posts/unfinished-note.md',
        line,
        severity: 'error',
        code: 'math/katex-error',
      }),
    );
    const text = await readFile(path.join(fixture, 'posts/unfinished-note.md'), 'utf8');
    const { article } = parseArticle({ path: 'posts/unfinished-note.md', text }, defaultConfig());
    const rendered = createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article!);
    const box = parse(rendered.html).querySelector('.math-error');
    expect(box?.textContent).toContain('\\frac{1}{n+1');
    expect(rendered.html).toContain('右辺の分数の閉じ括弧が足りません。');
  });
});

describe('the example site’s series', () => {
  it('links 後編’s 「前編の式 (1.3)」 to /posts/compound-interest-1/#eq-1.3', async () => {
    const example = exampleSite().root;
    expect(example.diagnostics).toEqual([]);
    const file = path.join(example.out, 'posts/compound-interest-2/index.html');
    const page = parse(await readFile(file, 'utf8'));
    const hrefs = page.querySelectorAll('a.eqref').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/posts/compound-interest-1/#eq-1.3');
    expect(hrefs).toContain('/posts/compound-interest-1/#eq-1.13');
  });
});
