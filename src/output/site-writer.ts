import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a new version of the site beside the old one and swaps it in whole.
 *
 * Files go to a staging folder next to `outDir`; `commit` replaces `outDir` with it by
 * two renames, `abort` throws it away. A file the caller knows to be unchanged is a
 * hard link to the previous build's (`keep`), so its modification time survives for
 * rsync and CDN uploads and its bytes are not written again.
 */
export interface SiteWriter {
  /** The staging folder; worker threads write into it with `writeInside`. */
  readonly stagingDir: string;
  write(relative: string, content: string | Uint8Array): Promise<void>;
  copy(relative: string, from: string): Promise<void>;
  /** Link (or, where links fail, copy) the previous build's file; false if there is none. */
  keep(relative: string): Promise<boolean>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openSiteWriter(outDir: string): Promise<SiteWriter> {
  const target = path.resolve(outDir);
  await recoverInterruptedSwap(target);
  const stagingDir = `${target}.staging-${randomBytes(4).toString('hex')}`;
  await mkdir(stagingDir, { recursive: true });
  const dirs = new DirectoryMaker();
  // Cleared at the first link the file system refuses as a whole: the rest are copied at once.
  let linking = true;
  return {
    stagingDir,
    async write(relative, content) {
      await writeInside(stagingDir, relative, content, dirs);
    },
    async copy(relative, from) {
      const destination = insideFolder(stagingDir, relative);
      await dirs.make(path.dirname(destination));
      await copyFile(from, destination);
    },
    async keep(relative) {
      const previous = insideFolder(target, relative);
      const destination = insideFolder(stagingDir, relative);
      await dirs.make(path.dirname(destination));
      if (linking) {
        try {
          await link(previous, destination);
          return true;
        } catch (error) {
          const code = errorCode(error);
          if (code === 'ENOENT') return false;
          if (code !== 'EMLINK') linking = false;
        }
      }
      // A hard link is an optimisation: across devices (EXDEV), on file systems without them
      // (EPERM, ENOTSUP, ENOSYS) or past a file's link limit (EMLINK), the bytes are copied.
      try {
        await copyFile(previous, destination);
        return true;
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return false;
        throw error;
      }
    },
    async commit() {
      await swap(stagingDir, target);
    },
    async abort() {
      await rm(stagingDir, { recursive: true, force: true });
    },
  };
}

/** Write one file under `folder`, creating its folders; refuses paths that leave `folder`. */
export async function writeInside(
  folder: string,
  relative: string,
  content: string | Uint8Array,
  dirs: DirectoryMaker = new DirectoryMaker(),
): Promise<void> {
  const destination = insideFolder(folder, relative);
  await dirs.make(path.dirname(destination));
  await writeFile(destination, content);
}

/** Remembers the folders it made, so ten thousand pages cost ten thousand `mkdir`s, not more. */
export class DirectoryMaker {
  private readonly made = new Set<string>();
  async make(dir: string): Promise<void> {
    if (this.made.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.made.add(dir);
  }
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
export async function recoverInterruptedSwap(target: string): Promise<void> {
  const retired = `${target}.previous`;
  if (!(await exists(target)) && (await exists(retired))) await rename(retired, target);
  await removeSiblings(target, '.staging-');
}

/** What builds that wrote Pagefind's index beside `outDir` named its scratch folders. */
const SCRATCH = '.scratch-';

/** Scratch folders left by such builds when they were killed. Not while a build of `outDir` runs. */
export async function removeScratchFolders(outDir: string): Promise<void> {
  await removeSiblings(path.resolve(outDir), SCRATCH);
}

/** Remove the folders beside `target` named like it plus `suffix` and anything after. */
async function removeSiblings(target: string, suffix: string): Promise<void> {
  const parent = path.dirname(target);
  const prefix = `${path.basename(target)}${suffix}`;
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (name.startsWith(prefix))
      await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
