import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildResult } from '../build/index.js';
import { formatDiagnostic } from '../diagnostics/index.js';

/** Colour on a terminal, never in pipes, files or with NO_COLOR. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

/** Every diagnostic (errors only with `quiet`) with its code frame, to stderr. */
export async function printDiagnostics(
  result: BuildResult,
  quiet: boolean,
  cwd: string,
): Promise<void> {
  const color = useColor(process.stderr);
  const shown = quiet
    ? result.diagnostics.filter((d) => d.severity === 'error')
    : result.diagnostics;
  for (const diagnostic of shown) {
    const source =
      result.sources.get(diagnostic.file) ??
      (await readQuietly(path.resolve(cwd, diagnostic.file)));
    process.stderr.write(`${formatDiagnostic(diagnostic, { source, color })}\n\n`);
  }
}

async function readQuietly(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
