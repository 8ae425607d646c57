import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * One build at a time per output folder. Two builds into one `dist/` (a save hook and a
 * terminal, two CI steps) used to remove each other's staging folders and, at worst, leave
 * no site at all. Hugo takes `.hugo_build.lock` for the same reason.
 *
 * The lock is a file beside the folder (`dist.lock`), created with `O_EXCL` and holding the
 * pid, the host and the process's start time. A build killed with SIGKILL cannot remove it,
 * so a lock whose process is gone is stale and taken over: the pid alone could by then name
 * another process, the start time (Linux) tells them apart.
 */
export interface OutputLock {
  readonly file: string;
  release(): Promise<void>;
}

/** Who holds the lock, as written in it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The holder's start time as the kernel counts it (Linux), to survive pid reuse. */
  started?: string;
  token: string;
}

export class OutputFolderBusy extends Error {
  constructor(
    readonly holder: LockHolder | undefined,
    readonly lockFile: string,
  ) {
    super(`another build is writing ${path.basename(lockFile, LOCK_SUFFIX)}/`);
  }
}

export interface LockOptions {
  /** Wait for the other build (default); false throws `OutputFolderBusy` at once. */
  wait: boolean;
  /** Called once, when the lock is held by another live build and this one starts waiting. */
  onWait?: (holder: LockHolder | undefined) => void;
  /** How often to look again while waiting, in ms. */
  pollMs?: number;
}

const LOCK_SUFFIX = '.lock';

/** A lock file nobody finished writing is abandoned after this long; its writer needs microseconds. */
const UNFINISHED_LOCK_MS = 5_000;

export function lockFileFor(outDir: string): string {
  return `${path.resolve(outDir)}${LOCK_SUFFIX}`;
}

export async function lockOutputFolder(outDir: string, options: LockOptions): Promise<OutputLock> {
  const file = lockFileFor(outDir);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    ...startTimeField(process.pid),
    token: randomBytes(8).toString('hex'),
  };
  let told = false;
  // `--out build/site` in a fresh checkout: the lock goes where the site will.
  await mkdir(path.dirname(file), { recursive: true });
  for (;;) {
    if (await createExclusive(file, JSON.stringify(me))) {
      return { file, release: () => releaseIfOurs(file, me.token) };
    }
    const holder = await readHolder(file);
    if (holder === 'gone') continue;
    if (holder === 'unfinished' ? await abandoned(file) : !isAlive(holder)) {
      await takeOver(file, holder === 'unfinished' ? undefined : holder.token);
      continue;
    }
    const shown = holder === 'unfinished' ? undefined : holder;
    if (!options.wait) throw new OutputFolderBusy(shown, file);
    if (!told) options.onWait?.(shown);
    told = true;
    await sleep(options.pollMs ?? 100);
  }
}

/** True if this call created `file` (with `text` in it); false if it existed. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

async function readHolder(file: string): Promise<LockHolder | 'unfinished' | 'gone'> {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (typeof holder.pid === 'number' && typeof holder.token === 'string') return holder;
  } catch {
    // Being written right now, or its writer died between creating and writing it.
  }
  return 'unfinished';
}

async function abandoned(file: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > UNFINISHED_LOCK_MS;
  } catch {
    return false;
  }
}

/** Whether the process named in the lock still runs; a lock from another host is presumed live. */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if (errorCode(error) === 'ESRCH') return false;
  }
  const started = startTimeField(holder.pid).started;
  return holder.started === undefined || started === undefined || started === holder.started;
}

/**
 * Remove a stale lock, unless someone else already did and took the folder. Two builds
 * that find the same dead holder must not both remove a lock: the second would remove
 * the first one's new lock. So the removal is done under a second, short-lived lock, and
 * only if the lock still names the dead holder (`staleToken`; undefined: still unwritten).
 */
async function takeOver(file: string, staleToken: string | undefined): Promise<void> {
  const mutex = `${file}.takeover`;
  if (!(await createExclusive(mutex, String(process.pid)))) {
    // Taking over takes microseconds; one left behind is from a process killed doing it.
    if (await abandoned(mutex)) await unlink(mutex).catch(() => {});
    else await sleep(10);
    return;
  }
  try {
    const now = await readHolder(file);
    const same =
      now === 'unfinished'
        ? staleToken === undefined && (await abandoned(file))
        : now !== 'gone' && now.token === staleToken;
    if (same) await unlink(file).catch(() => {});
  } finally {
    await unlink(mutex).catch(() => {});
  }
}

async function releaseIfOurs(file: string, token: string): Promise<void> {
  const holder = await readHolder(file);
  if (holder !== 'gone' && holder !== 'unfinished' && holder.token === token) {
    await unlink(file).catch(() => {});
  }
}

/** Field 22 of `/proc/<pid>/stat`: when the process started, in clock ticks since boot. */
function startTimeField(pid: number): { started?: string } {
  if (process.platform !== 'linux') return {};
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces.
    const started = text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
    return started === undefined ? {} : { started };
  } catch {
    return {};
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
