/**
 * An exception out of a stage while it worked on one file is our bug, not the author's,
 * but the author still needs to know which file set it off. The message says what the
 * build was doing and on which file; it is made here, in the thread that failed, because
 * only an error's message and stack survive the way back from a worker thread.
 */
export function failedWhile(doing: string, error: unknown): Error {
  const cause = error instanceof Error ? error : new Error(String(error));
  const failure = new Error(`${doing}: ${cause.name}: ${cause.message}`, { cause });
  failure.stack = `${failure.message}\n${cause.stack ?? ''}`;
  return failure;
}
