import path from 'node:path';
import { formatSummary, type Diagnostic } from '../diagnostics/index.js';
import { startDevServer, type DevEvent, type DevServer } from '../dev/index.js';
import { parseJobs } from './build-command.js';
import { parseCommandArgs } from './options.js';
import { printDiagnostics } from './print.js';
import { listenForRebuildKey } from './rebuild-key.js';
import { UsageError } from './usage.js';

/** `sugaku dev`: serve with drafts, rebuild on change, until Ctrl+C (exit 0). */
export async function runDev(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('dev', args);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, got "${values.port}"`);
  }
  const cwd = process.cwd();
  // Printed in order, though a report may wait for a file to read for its code frame.
  let printing = Promise.resolve();
  const printed = new Set<string>();
  let server: DevServer;
  try {
    server = await startDevServer({
      cwd,
      contentDir: values.content,
      templatesDir: values.templates,
      publicDir: values.public,
      configPath: values.config,
      basePath: values['base-path'],
      strict: values.strict,
      // As for `build`: the cache in `.cache` of the folder it runs in, unless told otherwise.
      cacheDir: values['no-cache'] ? false : values['cache-dir'],
      ...(values.jobs === undefined ? {} : { jobs: parseJobs(values.jobs) }),
      host: values.host,
      port,
      report: (event) => {
        printing = printing.then(() => printEvent(event, cwd, printed, values.quiet));
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      process.stderr.write(
        `sugaku: cannot listen on ${values.host}:${values.port} (${code}). ` +
          `Is another dev server running? Try --port ${port === 0 ? 4321 : port + 1}.\n`,
      );
      return 2;
    }
    throw error;
  }
  const watched = [values.content, values.templates, values.public]
    .map((folder) => `${folder.replace(/\/+$/, '')}/`)
    .concat(values.config ?? 'sugaku.config.yaml')
    .join(', ');
  await printing;
  const keys = process.stdin.isTTY
    ? 'Type r and Enter to rebuild everything, Ctrl+C to stop'
    : 'Press Ctrl+C to stop';
  process.stdout.write(`Serving ${server.url} (drafts included)\nWatching ${watched}. ${keys}.\n`);
  const stopListening = listenForRebuildKey(process.stdin, () => {
    process.stdout.write(`${stamp()}Rebuilding everything…\n`);
    void server.rebuildAll();
  });
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stopListening();
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

/**
 * A warning printed once is not printed again on every save while it stays; errors are
 * printed every time the build fails. `printed` holds the keys shown for the last build.
 */
async function printEvent(
  event: DevEvent,
  cwd: string,
  printed: Set<string>,
  quiet: boolean,
): Promise<void> {
  const changed = 'sources' in event ? describeSources(event.sources, cwd) : '';
  switch (event.kind) {
    case 'built': {
      if (quiet) return;
      const { stats, changed: outputs, diagnostics } = event.result;
      await printDiagnostics(event.result, notYetPrinted(diagnostics, printed), cwd);
      const warnings = diagnostics.length > 0 ? `, ${formatSummary(diagnostics)}` : '';
      const what =
        event.sources.length === 0
          ? `Built ${stats.articles} articles, ${stats.pages} pages, ${stats.formulas} formulas`
          : `${changed}: ${outputs.length === 0 ? 'no page changed' : `${outputs.length} file${outputs.length === 1 ? '' : 's'} changed`}`;
      process.stdout.write(`${stamp()}${what} in ${stats.seconds.toFixed(2)} s${warnings}\n`);
      return;
    }
    case 'failed':
      notYetPrinted(event.result.diagnostics, printed);
      await printDiagnostics(event.result, event.result.diagnostics, cwd);
      process.stderr.write(
        `${stamp()}${changed ? `${changed}: ` : ''}Build failed: ${formatSummary(event.result.diagnostics)}. ` +
          'Still serving the last good pages.\n',
      );
      return;
    case 'crashed':
      process.stderr.write(
        `${stamp()}Internal error in sugaku (please report it):\n${errorText(event.error)}\n`,
      );
      return;
    case 'watch-error':
      process.stderr.write(`${stamp()}File watching failed: ${errorText(event.error)}\n`);
      return;
    case 'missed':
      // Once per recovery: the watch is made again, so it does not go on missing.
      process.stderr.write(
        `${stamp()}The file watcher missed changes to ${describeSources(event.paths, cwd)}; ` +
          'building them and watching every folder afresh.\n',
      );
      return;
  }
}

/** The diagnostics not shown for the previous build; remembers these for the next. */
function notYetPrinted(diagnostics: readonly Diagnostic[], printed: Set<string>): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
  const fresh = diagnostics.filter((d) => !printed.has(key(d)));
  printed.clear();
  for (const d of diagnostics) printed.add(key(d));
  return fresh;
}

function describeSources(sources: string[], cwd: string): string {
  const shown = sources
    .slice(0, 3)
    .map((file) => path.relative(cwd, file).split(path.sep).join('/'));
  return sources.length > 3
    ? `${shown.join(', ')} and ${sources.length - 3} more`
    : shown.join(', ');
}

function stamp(): string {
  return `[${new Date().toTimeString().slice(0, 8)}] `;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
