import path from 'node:path';

/**
 * Why the file system refused a write, in words. These are the machine's problems, not the
 * author's and not our bugs: the build ends with one line naming the path, exit code 1.
 */
const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
};

/** `cannot write <path>: <reason> (<code>)`: the shape survives the way back from a worker thread. */
const WRITE_FAILURE = /^cannot write .+: .+ \(E[A-Z]+\)$/;

/**
 * A write the file system refused, as an error that reads well in one line; undefined for
 * any other error. Only the message survives a worker thread, so it carries everything.
 */
export function writeFailure(error: unknown, cwd = process.cwd()): Error | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, path: file } = error as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof file !== 'string' || !(code in REASONS)) return undefined;
  const relative = path.relative(cwd, file);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  const failure = new Error(`cannot write ${shown}: ${REASONS[code]} (${code})`, { cause: error });
  failure.name = 'WriteFailure';
  return failure;
}

/** A `writeFailure`, here or come back from a worker thread. */
export function isWriteFailure(error: unknown): error is Error {
  return error instanceof Error && WRITE_FAILURE.test(error.message);
}
