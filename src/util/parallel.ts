/** Files looked at at once: enough to keep the disk busy, few enough for the file handles. */
const FILES_AT_ONCE = 64;

/** `work` on every item, `FILES_AT_ONCE` at a time; results in the items' order. */
export async function inParallel<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (going: () => boolean) => {
    while (next < items.length && going()) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await together(Math.min(FILES_AT_ONCE, items.length), worker);
  return results;
}

/**
 * `count` loops at once. After one fails the others take no more work, and all have
 * stopped before its error is thrown: a staging folder is removed only once nothing
 * writes into it any more.
 */
export async function together(
  count: number,
  loop: (going: () => boolean) => Promise<void>,
): Promise<void> {
  let failed = false;
  const going = () => !failed;
  const results = await Promise.allSettled(
    Array.from({ length: count }, () =>
      loop(going).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
