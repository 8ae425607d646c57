import { runBuild } from './build-command.js';
import { runDev } from './dev-command.js';
import { runNew } from './new-command.js';
import { usage, UsageError } from './usage.js';

/** argv (without `node` and the script) → exit code. Never throws for user mistakes. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'build':
        return await runBuild(rest);
      case 'dev':
        return await runDev(rest);
      case 'new':
        return await runNew(rest);
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
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
  );
}
