// One clean Eleventy 3 build of the bench corpus, for comparison (used by run.js).
// Eleventy is not a dependency of sugaku: on first use it is installed from npm into a cache
// folder outside the repository, with markdown-it-texmath of our major and our exact KaTeX.
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { formulasOf } from './corpus.js';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '..');
export const ELEVENTY_CACHE = path.join(tmpdir(), 'sugaku-bench-eleventy');

/** A typical math blog: markdown-it-texmath with KaTeX as its engine, `$…$`, `$$…$$`, `\(…\)`. */
const CONFIG = `import katex from 'katex';
import texmath from 'markdown-it-texmath';

export default function (eleventyConfig) {
  eleventyConfig.amendLibrary('md', (md) =>
    md.use(texmath, {
      engine: katex,
      delimiters: ['dollars', 'brackets'],
      katexOptions: { throwOnError: false },
    }),
  );
  // The corpus writes dates as 'YYYY-MM-DD HH:mm', which Eleventy's ISO parser refuses.
  eleventyConfig.addDateParsing((date) =>
    typeof date === 'string' ? date.replace(' ', 'T') : undefined,
  );
}
`;

/** Runs one build programmatically; its figures go to a file, as Eleventy may log to stdout. */
const CHILD = `import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Eleventy from '@11ty/eleventy';

const [input, output, configPath, resultFile] = process.argv.slice(2);
const started = performance.now();
const eleventy = new Eleventy(input, output, { configPath, quietMode: true });
await eleventy.write();
const seconds = (performance.now() - started) / 1000;
writeFileSync(
  resultFile,
  JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }),
);
`;

const LAYOUT = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<link rel="stylesheet" href="/katex/katex.min.css">
</head>
<body>
<article>
<h1>{{ title }}</h1>
{{ content | safe }}
</article>
</body>
</html>
`;

const POSTS_DATA = { layout: 'post.njk', permalink: '/posts/{{ page.fileSlug }}/' };

/**
 * Time one clean Eleventy build of the corpus in `content` (as written by writeCorpus), in a
 * child process, with the site and its output under `work`. `seconds` is measured inside the
 * child from `new Eleventy()` to the end of `write()`, as build-child.js measures ours;
 * `processSeconds` is the child's whole life, Node's start and module loading included.
 */
export async function eleventyCleanBuild({ content, work, cacheDir = ELEVENTY_CACHE }) {
  const version = await installEleventy(cacheDir);
  const site = path.join(work, 'eleventy-site');
  const out = path.join(work, 'eleventy-dist');
  const resultFile = path.join(work, 'eleventy-result.json');
  const configPath = path.join(cacheDir, 'eleventy.config.mjs');
  const child = path.join(cacheDir, 'build-child.mjs');
  await writeFile(configPath, CONFIG);
  await writeFile(child, CHILD);

  await rm(site, { recursive: true, force: true });
  await cp(path.join(content, 'posts'), path.join(site, 'posts'), { recursive: true });
  await mkdir(path.join(site, '_includes'));
  await writeFile(path.join(site, '_includes', 'post.njk'), LAYOUT);
  await writeFile(path.join(site, 'posts', 'posts.11tydata.json'), JSON.stringify(POSTS_DATA));
  await rm(out, { recursive: true, force: true });
  await rm(path.join(site, '.cache'), { recursive: true, force: true });
  await rm(resultFile, { force: true });

  const started = performance.now();
  await run(process.execPath, [child, '.', out, configPath, resultFile], {
    cwd: site,
    maxBuffer: 16 << 20,
  });
  const processSeconds = (performance.now() - started) / 1000;
  const { seconds, maxRssMB } = JSON.parse(await readFile(resultFile, 'utf8'));

  const pages = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html'));
  const expected = (await readdir(path.join(content, 'posts'))).filter((f) => f.endsWith('.md'));
  if (pages.length !== expected.length)
    throw new Error(`Eleventy wrote ${pages.length} pages for ${expected.length} articles`);
  const sample = path.basename(expected[0], '.md');
  await checkMath(
    path.join(content, 'posts', expected[0]),
    path.join(out, 'posts', sample, 'index.html'),
  );
  return { seconds, processSeconds, maxRssMB, pages: pages.length, version };
}

/** A comparison whose math was not typeset would be no comparison: check a sample page. */
async function checkMath(source, page) {
  const formulas = formulasOf(await readFile(source, 'utf8'));
  const html = await readFile(page, 'utf8');
  const count = (pattern) => html.split(pattern).length - 1;
  const typeset = count('class="katex"');
  const display = count('class="katex-display"');
  const wanted = formulas.filter((f) => f.display).length;
  if (typeset !== formulas.length || display !== wanted || html.includes('katex-error'))
    throw new Error(
      `Eleventy's ${page} has ${typeset} formulas typeset by KaTeX (${display} display), ` +
        `its source ${formulas.length} (${wanted} display)${html.includes('katex-error') ? ', and a KaTeX error' : ''}`,
    );
}

/** Install Eleventy 3, markdown-it-texmath and KaTeX into `cacheDir` unless already there. */
async function installEleventy(cacheDir) {
  const ours = async (name) =>
    JSON.parse(await readFile(path.join(repo, 'node_modules', name, 'package.json'), 'utf8'))
      .version;
  const theirs = (name) =>
    readFile(path.join(cacheDir, 'node_modules', name, 'package.json'), 'utf8').then(
      (text) => JSON.parse(text).version,
      () => undefined,
    );
  const major = (version) => version?.split('.')[0];
  const katex = await ours('katex');
  const texmathMajor = major(await ours('markdown-it-texmath'));
  const wanted = [`@11ty/eleventy@3`, `markdown-it-texmath@${texmathMajor}`, `katex@${katex}`];
  const installed =
    major(await theirs('@11ty/eleventy')) === '3' &&
    major(await theirs('markdown-it-texmath')) === texmathMajor &&
    (await theirs('katex')) === katex;
  if (!installed) {
    console.error(`Installing ${wanted.join(' ')} from npm into ${cacheDir} …`);
    await mkdir(cacheDir, { recursive: true });
    // A package.json of its own, so npm installs here rather than in a folder above.
    await writeFile(
      path.join(cacheDir, 'package.json'),
      JSON.stringify({ private: true, type: 'module' }),
    );
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    await run(npm, ['install', '--no-save', '--no-audit', '--no-fund', ...wanted], {
      cwd: cacheDir,
      maxBuffer: 16 << 20,
    });
  }
  return theirs('@11ty/eleventy');
}
