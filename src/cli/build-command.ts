import { build, type BuildResult } from '../build/index.js';
import { formatSummary } from '../diagnostics/index.js';
import { parseCommandArgs } from './options.js';
import { printDiagnostics } from './print.js';
import { createProgressDisplay } from './progress.js';
import { UsageError } from './usage.js';

export async function runBuild(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('build', args);
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
    jobs: values.jobs === undefined ? undefined : parseJobs(values.jobs),
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
