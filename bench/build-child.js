// Runs one build in a fresh process and prints its figures as JSON (used by run.js).
import { performance } from 'node:perf_hooks';
import { build } from '../lib/build/index.js';

const [contentDir, outDir, cacheDir, jobs] = process.argv.slice(2);
const started = performance.now();
const result = await build({
  cwd: process.cwd(),
  contentDir,
  outDir,
  cacheDir,
  templatesDir: 'templates',
  publicDir: 'public',
  drafts: false,
  strict: false,
  jobs: jobs ? Number(jobs) : undefined,
});
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    exitCode: result.exitCode,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    stats: result.stats,
  }),
);
