// Runs one build in a fresh process and prints its figures as JSON (used by run.js).
import { readFile, readdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { build } from '../lib/pipeline/index.js';

const [contentDir, outDir, cacheDir, jobs] = process.argv.slice(2);
const children = watchChildren();
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
const childMaxRssMB = await children.stop();
process.stdout.write(
  JSON.stringify({
    exitCode: result.exitCode,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    childMaxRssMB,
    stats: result.stats,
  }),
);

/**
 * The largest peak RSS among the processes this one starts (none since Pagefind left), read
 * from Linux's /proc every quarter of a second while they run; 0 where there is no /proc.
 * Node's own figures count only this process.
 */
function watchChildren() {
  let peakKB = 0;
  const sample = async () => {
    let entries;
    try {
      entries = await readdir('/proc');
    } catch {
      return;
    }
    for (const pid of entries.filter((entry) => /^\d+$/.test(entry))) {
      try {
        const status = await readFile(`/proc/${pid}/status`, 'utf8');
        if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
        peakKB = Math.max(peakKB, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      } catch {
        // Gone between the listing and the read.
      }
    }
  };
  let sampling = sample();
  const timer = setInterval(() => {
    sampling = sampling.then(sample);
  }, 250);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      return peakKB / 1024;
    },
  };
}
