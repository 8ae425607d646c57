import { readFile } from 'node:fs/promises';
import { commandHelp, usage, UsageError } from './usage.js';

// Each command is loaded when it runs: all of them together (every stage, KaTeX, Shiki)
// took 0.9 CPU-seconds before `sugaku --help` printed a line.

/** argv (without `node` and the script) → exit code. Never throws for user mistakes. */
export async function main(argv: string[]): Promise<number> {
  // `--debug` is understood by every command: it only changes how our own bugs are printed.
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv.filter((arg) => arg !== '--debug');
  const help = command === undefined ? undefined : commandHelp(command);
  if (help !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(help);
    return 0;
  }
  try {
    switch (command) {
      case 'build':
        return await (await import('./build-command.js')).runBuild(rest);
      case 'dev':
        return await (await import('./dev-command.js')).runDev(rest);
      case 'new':
        return await (await import('./new-command.js')).runNew(rest);
      case 'import':
        return await (await import('./import-command.js')).runImport(rest);
      case '--version':
      case '-v':
        process.stdout.write(`sugaku ${await version()}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(usage);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`sugaku: ${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    const { isWriteFailure, writeFailure } = await import('../pipeline/index.js');
    const refused = writeFailure(error) ?? (isWriteFailure(error) ? error : undefined);
    if (refused) {
      // The machine's problem (a full disk, a read-only folder), not the author's nor ours.
      process.stderr.write(
        `sugaku: ${refused.message}. Nothing was written: the previous output was left as it was.\n` +
          (debug && error instanceof Error ? `${error.stack ?? ''}\n` : ''),
      );
      return 1;
    }
    process.stderr.write(internalErrorReport(error, debug));
    return EXIT_INTERNAL_ERROR;
  }
}

/**
 * `main` as the whole process (`bin/sugaku.js`): sets the exit code, and never lets the
 * process end in silence. When something the command awaits can no longer answer (a
 * worker thread or the search indexer's process killed), Node finds nothing left to do
 * and exits with code 13 without a word; this says so in one line and exits 70 instead.
 */
export async function runAsProcess(argv: string[]): Promise<void> {
  let finished = false;
  const command = argv.find((arg) => !arg.startsWith('-')) ?? 'sugaku';
  process.on('exit', () => {
    if (finished) return;
    process.stderr.write(
      `sugaku: internal error: ${command} stopped before it finished: ` +
        `a worker thread or the search indexer ended without an answer ` +
        `(a bug in sugaku: the previous output was left as it was)\n`,
    );
    process.exitCode = EXIT_INTERNAL_ERROR;
  });
  process.exitCode = await main(argv);
  finished = true;
}

/** The version in package.json, two folders up from this module in `src/` and in `lib/` alike. */
async function version(): Promise<string> {
  const manifest = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

/** sysexits' EX_SOFTWARE: our bug, not the author's (1) nor a usage mistake (2). */
export const EXIT_INTERNAL_ERROR = 70;

/**
 * One line for an exception nobody turned into a diagnostic. Stages name the file they were
 * working on in the message (`pipeline/internal-error.ts`); the stack is for whoever fixes it.
 */
function internalErrorReport(error: unknown, debug: boolean): string {
  const message =
    error instanceof Error
      ? error.message.startsWith('while ')
        ? ` ${error.message}`
        : `: ${error.name}: ${error.message}`
      : `: ${String(error)}`;
  const line =
    `sugaku: internal error${message.split('\n')[0]} ` +
    `(a bug in sugaku: the previous output was left as it was; ` +
    `${debug ? 'stack trace below' : 'run again with --debug for the stack trace'})\n`;
  return debug && error instanceof Error ? `${line}${error.stack ?? ''}\n` : line;
}

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
  );
}
