import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildResult } from '../pipeline/index.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/index.js';

/** Colour on a terminal, never in pipes, files or with NO_COLOR. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

/** These diagnostics of `result`, each with its code frame, to stderr. */
export async function printDiagnostics(
  result: BuildResult,
  diagnostics: readonly Diagnostic[],
  cwd: string,
): Promise<void> {
  const color = useColor(process.stderr);
  for (const diagnostic of diagnostics) {
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
