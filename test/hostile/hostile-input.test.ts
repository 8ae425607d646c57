/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { repo, runCli, type CliRun } from '../support/cli.js';
import { hashTree, listFiles, pageUrls } from '../support/file-tree.js';
import { htmlErrors } from '../support/html-validity.js';
import { findBrokenLinks, type BrokenLink } from '../support/link-check.js';
import { serveFolder } from '../support/static-server.js';
import { feedHtml, unsafeMarkup } from '../support/unsafe-markup.js';
import {
  ESCAPE_TARGETS,
  HOSTILE_CASES,
  PAYLOAD_MARKER,
  RAW_PAYLOADS,
  type HostileCase,
} from './cases.js';

// Builds of huge and hostile articles, on a 2-core machine shared with the other test files.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

/** The whole hostile set must build (the safe cases, then all at once) within this (a 2-core CI machine). */
const WHOLE_SET_BOUND_SECONDS = 60;
const SITE_CONFIG = 'title: 敵対的な入力\nbaseUrl: https://example.com/\n';
/** A stack trace line: `    at fn (file.js:1:2)` or `    at file.js:1:2`. */
const STACK_TRACE = /^\s+at .*(:\d+:\d+\)?|\(native\))$/m;
/** Written beside the output by design: the render cache (`--cache-dir`, default `.cache`). */
const CACHE_DIR = '.cache';

let scratch: string;
/** What each case produced, for people reading the test log (and the closing note). */
const produced = new Map<string, string>();

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'sugaku-hostile-'));
  for (const target of ESCAPE_TARGETS) await rm(target, { recursive: true, force: true });
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await mkdir(path.join(repo, 'test-results'), { recursive: true });
  const lines = [...produced].map(([name, outcome]) => `- ${name}: ${outcome}`);
  await writeFile(path.join(repo, 'test-results/hostile-cases.md'), `${lines.join('\n')}\n`);
});

interface Site {
  root: string;
  out: string;
}

/** A fresh working folder with `content/posts/` holding the cases' files and a config. */
async function siteWith(name: string, cases: readonly HostileCase[]): Promise<Site> {
  const root = path.join(scratch, name);
  await mkdir(path.join(root, 'content/posts'), { recursive: true });
  await writeFile(path.join(root, 'site.yaml'), SITE_CONFIG);
  for (const hostile of cases) {
    for (const [file, bytes] of Object.entries(await hostile.files())) {
      await writeFile(path.join(root, 'content/posts', file), bytes);
    }
  }
  return { root, out: path.join(root, 'out') };
}

function buildCli(site: Site): Promise<CliRun> {
  return runCli(
    [
      'build',
      ...['--content', 'content', '--out', 'out', '--config', 'site.yaml'],
      ...['--templates', path.join(repo, 'templates'), '--public', path.join(repo, 'public')],
    ],
    site.root,
  );
}

/** `file:line:column error[code]` of every error the CLI printed, file relative to posts/. */
function printedErrors(run: CliRun): string[] {
  return [...run.stderr.matchAll(/^content\/posts\/(.+?:\d+:\d+ error\[[^\]]+\])/gm)]
    .map((match) => match[1]!)
    .sort();
}

/** Files under the site's folder that are not sources: the output, and anything that escaped. */
async function writtenFiles(site: Site): Promise<string[]> {
  const sources = new Set([
    'site.yaml',
    ...(await listFiles(path.join(site.root, 'content'))).map((f) => `content/${f}`),
  ]);
  return (await listFiles(site.root)).filter((file) => !sources.has(file));
}

function expectNoStackTrace(run: CliRun): void {
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.stdout).not.toMatch(STACK_TRACE);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/node:internal|\bat async\b|Error: .*\n\s+at /);
}

const errorCases = HOSTILE_CASES.filter((c) => 'errors' in c.outcome);
const safeCases = HOSTILE_CASES.filter((c) => 'builds' in c.outcome);

describe.each(errorCases)('hostile input: $name', (hostile) => {
  it('fails the build with a located diagnostic, no stack trace, and writes nothing', async () => {
    const outcome = hostile.outcome as Extract<HostileCase['outcome'], { errors: string[] }>;
    const site = await siteWith(hostile.name.replace(/[^\w]+/g, '-'), [hostile]);
    const run = await buildCli(site);
    const errors = printedErrors(run);
    produced.set(hostile.name, errors.map((e) => `\`${e}\``).join(', ') || `exit ${run.code}`);

    expect(errors).toEqual([...outcome.errors].sort());
    expect(run.code).toBe(1);
    for (const phrase of outcome.says ?? []) expect(run.stderr).toMatch(phrase);
    expect(run.stderr).toContain('Nothing was written');
    expectNoStackTrace(run);
    // eslint-disable-next-line no-control-regex -- no escape sequence of the input reaches the terminal
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const written = (await writtenFiles(site)).filter((f) => !f.startsWith(`${CACHE_DIR}/`));
    expect(written).toEqual([]);
  });
});

interface SafeSetBuild {
  site: Site;
  run: CliRun;
  seconds: number;
}
let safeSetBuild: Promise<SafeSetBuild> | undefined;

/**
 * The cases that build, built together once for the whole file: their output is inspected
 * below, and it is the previous output the whole set must leave alone. Their render cache
 * spares that test rendering the megabyte line and the ten thousand headings a second time.
 */
function safeSetBuilt(): Promise<SafeSetBuild> {
  safeSetBuild ??= (async () => {
    const site = await siteWith('safe', safeCases);
    const started = performance.now();
    const run = await buildCli(site);
    return { site, run, seconds: (performance.now() - started) / 1000 };
  })();
  return safeSetBuild;
}

describe('the cases that build, built together', () => {
  let site: Site;
  let run: CliRun;
  let files: string[];
  let browser: Browser;

  beforeAll(async () => {
    ({ site, run } = await safeSetBuilt());
    files = await listFiles(site.out);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('build, with warnings at most, and no stack trace', () => {
    expect(run.stderr).not.toMatch(/ error\[/);
    expect(run.code).toBe(0);
    expectNoStackTrace(run);
    for (const hostile of safeCases) {
      produced.set(hostile.name, 'built safely');
    }
    const warnings = [...run.stderr.matchAll(/^content\/posts\/(.+?:\d+:\d+ warning\[[^\]]+\])/gm)];
    const warned = warnings.map((m) => m[1]!);
    produced.set(
      'warnings while building the safe cases',
      warned.length ? warned.map((w) => `\`${w}\``).join(', ') : 'none',
    );
  });

  it('write only into the output folder (and the render cache)', async () => {
    const outside = (await writtenFiles(site)).filter(
      (file) => !file.startsWith('out/') && !file.startsWith(`${CACHE_DIR}/`),
    );
    expect(outside).toEqual([]);
    for (const target of ESCAPE_TARGETS) expect(existsSync(target), target).toBe(false);
  });

  it('put no script, event handler or javascript: URL from the input into any page', async () => {
    const findings: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = await readFile(path.join(site.out, file), 'utf8');
      findings.push(...unsafeMarkup(html, { marker: PAYLOAD_MARKER }).map((f) => `${file}: ${f}`));
    }
    expect(findings).toEqual([]);
  });

  it('leave no payload unescaped in any HTML or XML file, feeds read as a feed reader would', async () => {
    const findings: string[] = [];
    for (const file of files.filter((f) => /\.(html|xml)$/.test(f))) {
      const text = await readFile(path.join(site.out, file), 'utf8');
      for (const payload of RAW_PAYLOADS) {
        if (text.includes(payload)) findings.push(`${file}: raw ${payload}`);
      }
      if (file.endsWith('.xml')) {
        for (const html of feedHtml(text)) {
          findings.push(
            ...unsafeMarkup(html, { marker: PAYLOAD_MARKER }).map((f) => `${file}: ${f}`),
          );
        }
      }
    }
    expect(files.filter((f) => /\.(html|xml)$/.test(f)).length).toBeGreaterThan(8);
    expect(findings).toEqual([]);
  });

  it('show the hostile title as the text it is', async () => {
    const page = await readFile(
      path.join(site.out, 'posts/script-in-front-matter/index.html'),
      'utf8',
    );
    expect(page).toContain(
      '&lt;script&gt;alert(101)&lt;/script&gt;&lt;img src=x onerror=alert(102)&gt;',
    );
  });

  it('read BOM and CRLF files like any other: no BOM or CR in the page, anchors intact', async () => {
    const page = await readFile(path.join(site.out, 'posts/bom-crlf/index.html'), 'utf8');
    expect(page).toContain('BOM と CRLF');
    expect(page).not.toMatch(/\uFEFF|\r/);
    expect(page).toContain('id="eq-1"');
    expect(page).toContain('id="見出し"');
  });

  it('keep ten thousand heading ids unique', async () => {
    const page = await readFile(path.join(site.out, 'posts/headings/index.html'), 'utf8');
    const start = page.indexOf('class="post__body"');
    const body = page.slice(start, page.indexOf('</article>', start));
    const ids = [...body.matchAll(/<h[23] id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
  });

  it('link only to pages that exist and are valid HTML, whatever the names', async () => {
    // The huge pages add nothing here but time.
    const skip = (file: string) => /^posts\/(headings|long-line)\//.test(file);
    const broken = await findBrokenLinks(site.out, { siteUrl: 'https://example.com/', skip });
    // The hostile articles' own links (`cover: javascript:alert(111)`, made a path under the
    // site) lead nowhere, as written; what matters is that none is a script URL.
    const written = ({ url, problem }: BrokenLink) =>
      PAYLOAD_MARKER.test(url) && problem.startsWith('no file');
    const unexpected = broken.filter((link) => !written(link));
    expect(unexpected.map(({ file, url, problem }) => `${file}: ${url} (${problem})`)).toEqual([]);
    // A hostile title is long; `long-title` is advice to its author, not a markup error.
    expect(await htmlErrors(site.out, { skip, ignoreRules: ['long-title'] })).toEqual([]);
  });

  it('run no injected script in Chromium: no dialog, no handler, no javascript: link', async () => {
    const server = await serveFolder(site.out);
    const context = await browser.newContext();
    const dialogs: string[] = [];
    const found: string[] = [];
    try {
      const urls = pageUrls(files).filter((url) => !/^\/posts\/(headings|long-line)\//.test(url));
      expect(urls.length).toBeGreaterThan(8);
      // One tab for every page: a new tab each cost a renderer process each.
      const page = await context.newPage();
      let url = '';
      page.on('dialog', (dialog) => {
        dialogs.push(`${url}: ${dialog.type()} ${dialog.message()}`);
        void dialog.dismiss();
      });
      for (url of urls) {
        await page.goto(`${server.origin}${url}`, { waitUntil: 'load' });
        const injected = await page.evaluate(() => {
          const hits: string[] = [];
          for (const element of document.querySelectorAll('*')) {
            for (const attribute of element.getAttributeNames()) {
              if (attribute.toLowerCase().startsWith('on'))
                hits.push(element.outerHTML.slice(0, 120));
            }
          }
          for (const script of document.querySelectorAll('script')) {
            const type = script.type.trim().toLowerCase();
            if (type === 'application/ld+json') {
              // Data, not code, as long as the text stayed whole: a `</script>` in a title would cut it.
              try {
                JSON.parse(script.textContent ?? '');
              } catch {
                hits.push(`broken JSON-LD: ${script.outerHTML.slice(0, 120)}`);
              }
            } else if (/alert\(/.test(`${script.src} ${script.textContent ?? ''}`)) {
              hits.push(script.outerHTML.slice(0, 120));
            }
          }
          for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
            if (link.protocol === 'javascript:') hits.push(link.outerHTML.slice(0, 120));
          }
          return hits;
        });
        found.push(...injected.map((hit) => `${url}: ${hit}`));
        // Hover and focus everything a handler could hang on, in case one slipped through.
        await page.evaluate(() => {
          for (const element of document.querySelectorAll<HTMLElement>('body *')) {
            for (const type of ['mouseover', 'focus', 'load', 'error']) {
              element.dispatchEvent(new Event(type));
            }
          }
        });
      }
    } finally {
      await context.close();
      await server.close();
    }
    expect(dialogs).toEqual([]);
    expect(found).toEqual([]);
  });
});

describe('the whole hostile set at once', () => {
  it(`fails with every case's diagnostics, leaves the previous output as it was, within ${WHOLE_SET_BOUND_SECONDS} s`, async () => {
    // The cases that build, built: the previous output to keep. The time bound covers that
    // build (the huge cases rendered, cold) and the whole set's (they come from the cache).
    const { site, run: good, seconds: goodSeconds } = await safeSetBuilt();
    expect(good.code).toBe(0);
    const before = await hashTree(site.out);

    for (const hostile of errorCases) {
      for (const [file, bytes] of Object.entries(await hostile.files())) {
        await writeFile(path.join(site.root, 'content/posts', file), bytes);
      }
    }
    const started = performance.now();
    const run = await buildCli(site);
    const seconds = goodSeconds + (performance.now() - started) / 1000;
    produced.set('the whole set at once', `exit ${run.code} in ${seconds.toFixed(1)} s`);

    expect(run.code).toBe(1);
    const expected = errorCases.flatMap((c) => ('errors' in c.outcome ? c.outcome.errors : []));
    expect(printedErrors(run)).toEqual(expect.arrayContaining(expected));
    expectNoStackTrace(run);
    expect(await hashTree(site.out)).toEqual(before);
    expect(seconds).toBeLessThan(WHOLE_SET_BOUND_SECONDS);
  });
});
