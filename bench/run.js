// npm run bench -- [--articles 1000,10000] [--runs 3] [--eleventy 1000|none] [--reload-articles 1000,10000]
//   [--katex-limit none] (skips rendering every distinct formula once, minutes at 10,000)
//   [--one-worker 1000|none] (clean builds with one worker too, in turn) [--small-blog 50|none]
// Prints build figures for generated corpora of Japanese math articles. Figures only:
// nothing here passes or fails, and no test asserts a time.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import katex from 'katex';
import { createBuilder } from '../lib/pipeline/index.js';
import { KATEX_OPTIONS } from '../lib/math/katex-options.js';
import { formulasOf, writeCorpus, writeSmallBlog } from './corpus.js';
import { eleventyCleanBuild } from './eleventy.js';
import { benchReload, printReload } from './reload.js';
import { firstQueryTransfer, indexSize } from './search.js';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '3' },
    'reload-articles': { type: 'string', default: '1000' },
    'katex-limit': { type: 'string', default: 'yes' },
    // Sizes at which one clean Eleventy build is timed too (bench/eleventy.js); 'none' skips.
    eleventy: { type: 'string', default: '1000' },
    // Sizes at which clean builds with one worker thread alternate with the default ones.
    'one-worker': { type: 'string', default: '1000' },
    // Articles of the small blog timed with `npm run build` itself; 'none' skips.
    'small-blog': { type: 'string', default: '50' },
  },
});
const sizes = values.articles.split(',').map(Number);
const runs = Number(values.runs);
const eleventySizes = ['', 'none'].includes(values.eleventy)
  ? []
  : values.eleventy.split(',').map(Number);
const oneWorkerSizes = ['', 'none'].includes(values['one-worker'])
  ? []
  : values['one-worker'].split(',').map(Number);
const cores = availableParallelism();
const repo = path.resolve(import.meta.dirname, '..');

console.log(
  `sugaku bench: ${cores} cores, Node ${process.version}, KaTeX ${katex.version}, median of ${runs} runs\n`,
);

for (const count of sizes) {
  const work = path.join(tmpdir(), `sugaku-bench-${count}`);
  const content = path.join(work, 'content');
  const out = path.join(work, 'dist');
  const cache = path.join(work, 'cache');
  await writeCorpus(content, count);

  const limit =
    values['katex-limit'] === 'none'
      ? { distinct: '?', seconds: Number.NaN }
      : await katexLimit(content, count);
  const clean = [];
  const cleanOneWorker = [];
  const warm = [];
  const edited = [];
  for (let i = 0; i < runs; i++) {
    if (oneWorkerSizes.includes(count)) {
      await rm(out, { recursive: true, force: true });
      await rm(cache, { recursive: true, force: true });
      cleanOneWorker.push(await buildInChild(content, out, cache, 1));
    }
    await rm(out, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
    clean.push(await buildInChild(content, out, cache));
    warm.push(await buildInChild(content, out, cache));
    await editOneArticle(content, i);
    edited.push(await buildInChild(content, out, cache));
  }
  const inProcess = await editInWarmBuilder(content, out, cache, runs);

  const cleanSeconds = median(clean.map((r) => r.seconds));
  const formulas = clean[0].stats.formulas;
  console.log(`== ${count} articles, ${formulas} formulas (${limit.distinct} distinct)`);
  if (Number.isNaN(limit.seconds)) {
    row('clean build', cleanSeconds, 'KaTeX limit skipped');
  } else {
    row('KaTeX limit (distinct formulas once, one core / cores)', limit.seconds);
    row(
      'clean build',
      cleanSeconds,
      `${(cleanSeconds / limit.seconds).toFixed(2)}× the KaTeX limit`,
    );
  }
  if (cleanOneWorker.length > 0) {
    const oneWorker = median(cleanOneWorker.map((r) => r.seconds));
    row(
      'clean build, one worker thread (in turn with the above)',
      oneWorker,
      `${cores} workers are ${(oneWorker / cleanSeconds).toFixed(2)}× as fast; target ≥ 1.7×`,
    );
  }
  row(
    '  of which waiting for the search index',
    median(clean.map((r) => r.stats.searchWaitSeconds)),
    'after the pages were done',
  );
  row('  the search index, start to end', median(clean.map((r) => r.stats.searchSeconds)));
  console.log(
    `  ${'  the search index, memory (RSS growth while it ran)'.padEnd(52)} ${String(Math.max(...clean.map((r) => r.stats.searchRssGrowthMB)).toFixed(0)).padStart(8)} MB  (target ≤ 300 MB)`,
  );
  row(
    'warm rebuild, nothing changed',
    median(warm.map((r) => r.seconds)),
    `${(cleanSeconds / median(warm.map((r) => r.seconds))).toFixed(1)}× faster than clean`,
  );
  row('rebuild after editing one article (new process)', median(edited.map((r) => r.seconds)));
  const editStats = edited.map((r) => r.stats);
  row(
    '  of which waiting for the search index',
    median(editStats.map((s) => s.searchWaitSeconds)),
    'after the pages were done',
  );
  console.log(
    `  ${'  the search index: its work, files made'.padEnd(52)} ${(median(editStats.map((s) => s.searchSeconds)) * 1000).toFixed(0).padStart(8)} ms, ${median(editStats.map((s) => s.searchFilesMade))} files  (targets ≤ 100 ms, ≤ 300 files; ${editStats.filter((s) => s.searchFull).length} of ${editStats.length} folded the delta into the shards)`,
  );
  console.log(
    `  ${'  files rewritten'.padEnd(52)} ${String(median(editStats.map((s) => s.filesWritten))).padStart(8)} of ${editStats[0].filesWritten + editStats[0].filesUnchanged}`,
  );
  row('rebuild after editing one article (warm builder)', inProcess.seconds);
  console.log(
    `  ${'  the search index: its work, files made'.padEnd(52)} ${(inProcess.searchSeconds * 1000).toFixed(0).padStart(8)} ms, ${inProcess.searchFilesMade} files`,
  );
  const size = await indexSize(out);
  console.log(
    `  ${'search index, compressed'.padEnd(52)} ${(size.bytes / 1e6).toFixed(2).padStart(8)} MB  (${size.files} files, largest shard ${(size.largestShard / 1024).toFixed(0)} KB; target ≤ 40 MB at 10,000)`,
  );
  for (const query of ['関数', '微分方程式', '多項式 集合', '量子']) {
    const transfer = await firstQueryTransfer(out, query);
    console.log(
      `  ${`first query 「${query}」: bytes transferred`.padEnd(52)} ${(transfer.bytes / 1024).toFixed(0).padStart(8)} KB  (${transfer.files} index files + ${(transfer.clientBytes / 1024).toFixed(1)} KB of modules; ${transfer.results} results; target ≤ 150 KB)`,
    );
  }
  console.log(
    `  ${'throughput (clean)'.padEnd(52)} ${(count / cleanSeconds).toFixed(0)} articles/s, ${(formulas / cleanSeconds).toFixed(0)} formulas/s`,
  );
  console.log(
    `  ${'peak RSS (clean build, Node process)'.padEnd(52)} ${Math.max(...clean.map((r) => r.maxRssMB)).toFixed(0)} MB`,
  );
  console.log(
    `  ${'peak RSS (clean build, child processes)'.padEnd(52)} ${Math.max(...clean.map((r) => r.childMaxRssMB)).toFixed(0)} MB  (sampled every 0.25 s; the workers are threads of the Node process)`,
  );
  if (eleventySizes.includes(count)) {
    await writeCorpus(content, count); // without the edits above
    const eleventy = await eleventyCleanBuild({ content, work });
    row(
      'Eleventy 3 + texmath + KaTeX, clean build (one run)',
      eleventy.seconds,
      `sugaku clean is ${(cleanSeconds / eleventy.seconds).toFixed(2)}× that: ${(eleventy.seconds / cleanSeconds).toFixed(1)}× faster; target ≥ 4×`,
    );
    console.log(
      `  ${'peak RSS (Eleventy clean build)'.padEnd(52)} ${eleventy.maxRssMB.toFixed(0)} MB  (Eleventy ${eleventy.version}, ${eleventy.pages} pages, ${eleventy.processSeconds.toFixed(2)} s with Node's start)`,
    );
  }
  console.log();
}

// A small blog, built as its author builds it: `npm run build`, Node's start and our
// modules' loading included.
for (const articles of values['small-blog'].split(',').map(Number)) {
  if (!(articles > 0)) continue;
  const work = path.join(tmpdir(), `sugaku-bench-small-${articles}`);
  const content = path.join(work, 'content');
  await writeSmallBlog(content, articles);
  const seconds = [];
  let summary = '';
  for (let i = 0; i < runs; i++) {
    await rm(path.join(work, 'dist'), { recursive: true, force: true });
    await rm(path.join(work, 'cache'), { recursive: true, force: true });
    const started = performance.now();
    const { stdout } = await run(
      'npm',
      [
        'run',
        'build',
        '--silent',
        '--',
        '--content',
        content,
        '--out',
        path.join(work, 'dist'),
        '--cache-dir',
        path.join(work, 'cache'),
      ],
      { cwd: repo, maxBuffer: 1 << 20 },
    );
    seconds.push((performance.now() - started) / 1000);
    summary = stdout.trim().split('\n').at(-1) ?? '';
  }
  console.log(`== a small blog: ${articles} articles`);
  row('clean `npm run build`, wall time', median(seconds), `target < 1 s; ${summary}`);
  console.log();
}

// The dev server's latency, save → reload event (bench/reload.js); `--reload-articles 0` skips
// it. The authoring loop's targets are for 1,000 articles; a larger site is timed for the
// one-article rebuild only, against the 1 s the build's own target allows at 10,000.
for (const articles of values['reload-articles'].split(',').map(Number)) {
  if (!(articles > 0)) continue;
  const small = articles <= 1000;
  const figures = await benchReload({ articles, ...(small ? {} : { templateEdits: 0 }) });
  printReload(figures, small ? undefined : { article: 1000 });
}

function row(label, seconds, note = '') {
  console.log(
    `  ${label.padEnd(52)} ${seconds.toFixed(2).padStart(8)} s${note ? `  (${note})` : ''}`,
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function buildInChild(content, out, cache, jobs) {
  const { stdout } = await run(
    process.execPath,
    [path.join(repo, 'bench/build-child.js'), content, out, cache, ...(jobs ? [String(jobs)] : [])],
    {
      cwd: repo,
      maxBuffer: 1 << 20,
    },
  );
  const figures = JSON.parse(stdout);
  if (figures.exitCode !== 0)
    throw new Error(`bench build failed with exit code ${figures.exitCode}`);
  return figures;
}

/** Every distinct formula of the corpus rendered once, on this one core, with the build's options. */
async function katexLimit(content, count) {
  const distinct = new Map();
  for (let id = 0; id < count; id++) {
    const text = await readFile(
      path.join(content, 'posts', `a${String(id).padStart(5, '0')}.md`),
      'utf8',
    );
    for (const formula of formulasOf(text))
      distinct.set(`${formula.display}\u0000${formula.tex}`, formula);
  }
  const started = performance.now();
  for (const { tex, display } of distinct.values()) {
    katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display, strict: 'ignore' });
  }
  const oneCore = (performance.now() - started) / 1000;
  return { distinct: distinct.size, seconds: oneCore / cores };
}

async function editOneArticle(content, round) {
  const file = path.join(content, 'posts', 'a00042.md');
  const text = await readFile(file, 'utf8');
  await writeFile(file, `${text}\n追記 ${round}: 関数 $g_{${round}}(x)$ を加えた。\n`);
}

/** As the dev server does: one builder kept warm, an article edited, the builder asked again. */
async function editInWarmBuilder(content, out, cache, rounds) {
  const builder = createBuilder({
    cwd: repo,
    contentDir: content,
    outDir: out,
    cacheDir: cache,
    templatesDir: 'templates',
    publicDir: 'public',
    drafts: false,
    strict: false,
  });
  try {
    await builder.build();
    const times = [];
    const stats = [];
    for (let i = 0; i < rounds; i++) {
      await editOneArticle(content, 100 + i);
      const started = performance.now();
      const result = await builder.build({
        changedPaths: [path.join(content, 'posts', 'a00042.md')],
      });
      times.push((performance.now() - started) / 1000);
      stats.push(result.stats);
      if (result.exitCode !== 0) throw new Error('edit rebuild failed');
    }
    return {
      seconds: median(times),
      searchSeconds: median(stats.map((s) => s.searchSeconds)),
      searchFilesMade: median(stats.map((s) => s.searchFilesMade)),
    };
  } finally {
    await builder.close();
  }
}
