import { createInterface } from 'node:readline';

/**
 * `r` and Enter in the terminal of `sugaku dev`: watch every input afresh and build
 * everything again, for whenever the page looks stale. Line by line, so Ctrl+C stays the
 * terminal's (SIGINT). Only on a terminal: a dev server run from a script or a pipe keeps its
 * standard input to itself. Returns the function that stops listening.
 */
export function listenForRebuildKey(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  onRebuild: () => void,
): () => void {
  if (!input.isTTY) return () => {};
  const lines = createInterface({ input, terminal: false });
  lines.on('line', (line) => {
    if (line.trim().toLowerCase() === 'r') onRebuild();
  });
  return () => {
    lines.close();
    // Let the process end: a paused terminal holds no handle open.
    input.pause();
  };
}
