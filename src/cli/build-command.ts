import path from 'node:path';
import {
  build,
  lockOutputFolder,
  OutputFolderBusy,
  type BuildResult,
  type LockHolder,
} from '../pipeline/index.js';
import { formatSummary } from '../diagnostics/index.js';
import { parseCommandArgs } from './options.js';
import { printDiagnostics } from './print.js';
import { createProgressDisplay } from './progress.js';
import { UsageError } from './usage.js';

export async function runBuild(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('build', args);
  const jobs = values.jobs === undefined ? undefined : parseJobs(values.jobs);
  const lock = await lockOutFolder(values.out, !values['no-wait']);
  if (!lock) return 2;
  try {
    return await buildInto(values, jobs);
  } finally {
    await lock.release();
  }
}

type BuildValues = ReturnType<typeof parseCommandArgs<'build'>>['values'];

async function buildInto(values: BuildValues, jobs: number | undefined): Promise<number> {
  const progress = createProgressDisplay(process.stderr, values.quiet);
  const result = await build({
    cwd: process.cwd(),
    contentDir: values.content,
    outDir: values.out,
    templatesDir: values.templates,
    publicDir: values.public,
    configPath: values.config,
    basePath: values['base-path'],
    drafts: values.drafts,
    strict: values.strict,
    jobs,
    cacheDir: values['no-cache'] ? false : values['cache-dir'],
    onProgress: progress.update,
  });
  progress.clear();
  const shown = values.quiet
    ? result.diagnostics.filter((d) => d.severity === 'error')
    : result.diagnostics;
  await printDiagnostics(result, shown, process.cwd());
  if (result.exitCode !== 0) {
    process.stderr.write(
      `Build failed: ${formatSummary(result.diagnostics)}. Nothing was written.\n`,
    );
  }
  if (result.exitCode === 0 && !values.quiet)
    process.stdout.write(`${summaryLine(result, values.out)}\n`);
  return result.exitCode;
}

/**
 * One build at a time per output folder: a second one waits for the first (and says so),
 * or with `--no-wait` gives up with exit code 2.
 */
async function lockOutFolder(out: string, wait: boolean) {
  const folder = `${out.replace(/[\\/]+$/, '')}/`;
  const by = (holder: LockHolder | undefined) => (holder ? ` (pid ${holder.pid})` : '');
  try {
    return await lockOutputFolder(path.resolve(process.cwd(), out), {
      wait,
      onWait: (holder) =>
        process.stderr.write(`Another build is writing ${folder}${by(holder)}; waiting…\n`),
    });
  } catch (error) {
    if (!(error instanceof OutputFolderBusy)) throw error;
    process.stderr.write(
      `sugaku: another build is writing ${folder}${by(error.holder)}. ` +
        `Run again when it is done, or without --no-wait to wait for it.\n`,
    );
    return undefined;
  }
}

function summaryLine({ stats, diagnostics }: BuildResult, outDir: string): string {
  const warnings = diagnostics.length > 0 ? `, ${formatSummary(diagnostics)}` : '';
  return (
    `Built ${stats.articles} articles, ${stats.pages} pages, ${stats.formulas} formulas ` +
    `into ${outDir}/ in ${stats.seconds.toFixed(2)} s${warnings}`
  );
}

export function parseJobs(text: string): number {
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs takes a whole number of threads, got "${text}"`);
  return jobs;
}
