import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, type BuildResult } from '../build/index.js';
import { formatDiagnostic, formatSummary } from '../diagnostics/index.js';

export async function runBuild(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: 'dist' },
      config: { type: 'string' },
      templates: { type: 'string', default: 'templates' },
      public: { type: 'string', default: 'public' },
      'base-path': { type: 'string' },
      drafts: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
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
  });
  await printDiagnostics(result, values.quiet);
  if (result.exitCode === 0 && !values.quiet) process.stdout.write(`${summaryLine(result, values.out)}\n`);
  return result.exitCode;
}

async function printDiagnostics(result: BuildResult, quiet: boolean): Promise<void> {
  const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  const shown = quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
  for (const diagnostic of shown) {
    const source = result.sources.get(diagnostic.file) ?? (await readQuietly(diagnostic.file));
    process.stderr.write(`${formatDiagnostic(diagnostic, { source, color })}\n\n`);
  }
  if (result.exitCode !== 0) {
    process.stderr.write(`Build failed: ${formatSummary(result.diagnostics)}. Nothing was written.\n`);
  }
}

function summaryLine({ stats, diagnostics }: BuildResult, outDir: string): string {
  const warnings = diagnostics.length > 0 ? `, ${formatSummary(diagnostics)}` : '';
  return (
    `Built ${stats.articles} articles, ${stats.pages} pages, ${stats.formulas} formulas ` +
    `into ${outDir}/ in ${stats.seconds.toFixed(2)} s${warnings}`
  );
}

async function readQuietly(file: string): Promise<string | undefined> {
  try {
    return await readFile(path.resolve(file), 'utf8');
  } catch {
    return undefined;
  }
}
