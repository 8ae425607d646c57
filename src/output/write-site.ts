import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from './types.js';

export interface WriteReport {
  written: number;
  /** Files whose bytes did not change: hard-linked from the previous build, modification time kept. */
  unchanged: number;
}

/**
 * Write the whole site, or nothing. Files go to a staging folder beside `outDir`, which
 * then replaces it with two renames. Unchanged files are hard links to the previous
 * build's, so their modification times survive for rsync and CDN uploads.
 */
export async function writeSite(outDir: string, files: readonly OutputFile[]): Promise<WriteReport> {
  const target = path.resolve(outDir);
  await recoverInterruptedSwap(target);
  const staging = `${target}.staging-${randomBytes(4).toString('hex')}`;
  const report: WriteReport = { written: 0, unchanged: 0 };
  try {
    await mkdir(staging, { recursive: true });
    const madeDirs = new Set<string>();
    for (const file of files) {
      const destination = insideFolder(staging, file.path);
      const dir = path.dirname(destination);
      if (!madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        madeDirs.add(dir);
      }
      const previous = insideFolder(target, file.path);
      if (await sameBytes(previous, file)) {
        await link(previous, destination);
        report.unchanged++;
      } else if ('copyFrom' in file) {
        await copyFile(file.copyFrom, destination);
        report.written++;
      } else {
        await writeFile(destination, file.content);
        report.written++;
      }
    }
    await swap(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return report;
}

/** Resolve `relative` under `folder`, refusing anything that would land outside it. */
export function insideFolder(folder: string, relative: string): string {
  const resolved = path.resolve(folder, relative);
  if (!resolved.startsWith(folder + path.sep)) {
    throw new Error(`refusing to write outside the output folder: ${JSON.stringify(relative)}`);
  }
  return resolved;
}

async function swap(staging: string, target: string): Promise<void> {
  const retired = `${target}.previous`;
  await rm(retired, { recursive: true, force: true });
  if (await exists(target)) await rename(target, retired);
  await rename(staging, target);
  await rm(retired, { recursive: true, force: true });
}

/** A build killed between the two renames left no `outDir` but a complete `.previous`. */
async function recoverInterruptedSwap(target: string): Promise<void> {
  const retired = `${target}.previous`;
  if (!(await exists(target)) && (await exists(retired))) await rename(retired, target);
  const parent = path.dirname(target);
  const prefix = `${path.basename(target)}.staging-`;
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (name.startsWith(prefix)) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

async function sameBytes(previous: string, file: OutputFile): Promise<boolean> {
  let old: Buffer;
  try {
    old = await readFile(previous);
  } catch {
    return false;
  }
  const next = 'copyFrom' in file ? await readFile(file.copyFrom) : Buffer.from(file.content);
  return old.equals(next);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
