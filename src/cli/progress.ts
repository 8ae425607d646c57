import { performance } from 'node:perf_hooks';
import type { BuildProgress } from '../pipeline/index.js';

/** Quiet builds and short ones show nothing; this is for builds a person waits for. */
const SHOW_AFTER_MS = 2000;
const REDRAW_EVERY_MS = 200;

export interface ProgressDisplay {
  update(progress: BuildProgress): void;
  clear(): void;
}

/**
 * A one-line progress display (done of total, rate, time left) redrawn in place on a
 * terminal. Not on a pipe or in CI logs: there it would be noise.
 */
export function createProgressDisplay(stream: NodeJS.WriteStream, quiet: boolean): ProgressDisplay {
  if (quiet || !stream.isTTY) return { update: () => {}, clear: () => {} };
  const started = performance.now();
  let phaseStarted = started;
  let phase: BuildProgress['phase'] | undefined;
  let lastDraw = 0;
  let shown = false;
  return {
    update(progress) {
      const now = performance.now();
      if (progress.phase !== phase) {
        phase = progress.phase;
        phaseStarted = now;
      }
      if (
        now - started < SHOW_AFTER_MS ||
        (now - lastDraw < REDRAW_EVERY_MS && progress.done < progress.total)
      )
        return;
      lastDraw = now;
      shown = true;
      stream.write(`\r\u001b[K${progressLine(progress, (now - phaseStarted) / 1000)}`);
    },
    clear() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}

export function progressLine({ phase, done, total }: BuildProgress, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
  const what = phase === 'articles' ? 'articles rendered' : 'pages written';
  const eta = left === undefined ? '' : `, ${left} s left`;
  return `${done}/${total} ${what} (${Math.round(rate)}/s${eta})`;
}
