import { runBuild } from './build-command.js';
import { runDev } from './dev-command.js';
import { runImport } from './import-command.js';
import { runNew } from './new-command.js';
import { usage, UsageError } from './usage.js';

/** argv (without `node` and the script) → exit code. Never throws for user mistakes. */
export async function main(argv: string[]): Promise<number> {
  // `--debug` is understood by every command: it only changes how our own bugs are printed.
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv.filter((arg) => arg !== '--debug');
  try {
    switch (command) {
      case 'build':
        return await runBuild(rest);
      case 'dev':
        return await runDev(rest);
      case 'new':
        return await runNew(rest);
      case 'import':
        return await runImport(rest);
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
    process.stderr.write(internalErrorReport(error, debug));
    return EXIT_INTERNAL_ERROR;
  }
}

/** sysexits' EX_SOFTWARE: our bug, not the author's (1) nor a usage mistake (2). */
export const EXIT_INTERNAL_ERROR = 70;

/**
 * One line for an exception nobody turned into a diagnostic. Stages name the file they were
 * working on in the message (`build/internal-error.ts`); the stack is for whoever fixes it.
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
