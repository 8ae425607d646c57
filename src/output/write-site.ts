import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { outputFileBytes } from './output-file.js';
import { insideFolder, openSiteWriter } from './site-writer.js';
import type { OutputFile } from './types.js';

export interface WriteReport {
  written: number;
  /** Files whose bytes did not change: hard-linked from the previous build, modification time kept. */
  unchanged: number;
}

/**
 * Write a whole site held in memory, or nothing: unchanged files (same bytes as in the
 * previous build) are kept as hard links, the rest written, then the folder is swapped in.
 */
export async function writeSite(
  outDir: string,
  files: readonly OutputFile[],
): Promise<WriteReport> {
  const target = path.resolve(outDir);
  const writer = await openSiteWriter(target);
  const report: WriteReport = { written: 0, unchanged: 0 };
  try {
    for (const file of files) {
      if (
        (await sameBytes(insideFolder(target, file.path), file)) &&
        (await writer.keep(file.path))
      ) {
        report.unchanged++;
      } else if ('copyFrom' in file) {
        await writer.copy(file.path, file.copyFrom);
        report.written++;
      } else {
        await writer.write(file.path, await outputFileBytes(file));
        report.written++;
      }
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return report;
}

async function sameBytes(previous: string, file: OutputFile): Promise<boolean> {
  let old: Buffer;
  try {
    old = await readFile(previous);
  } catch {
    return false;
  }
  return old.equals(await outputFileBytes(file));
}
