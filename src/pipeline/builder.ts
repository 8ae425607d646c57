import { performance } from 'node:perf_hooks';
import { createSiteBuilder } from '../site/index.js';
import type { Builder, BuildOptions, BuildResult } from './options.js';
import { changedPaths } from './output-keys.js';
import { createTaskRunner, type TaskRunner } from './pool.js';
import { RememberedSources } from './remembered-sources.js';
import { createRun, type BuilderMemory } from './run-context.js';
import { runBuild } from './run.js';

/** One-shot build, as `sugaku build` runs it. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const builder = createBuilder(options, { oneShot: true });
  try {
    return await builder.build();
  } finally {
    await builder.close();
  }
}

/** How long after a build its parsed front matter is written, unless another build starts. */
const SAVE_DELAY_MS = 500;

/**
 * A builder keeps what it rendered between builds: article summaries by key, page
 * keys and hashes, the worker threads. A second `build()` after an edit renders the
 * edited article and the pages whose data changed, nothing else.
 */
export function createBuilder(
  options: BuildOptions,
  /** Built once and closed (`sugaku build`): a small blog's render stays in this thread. */
  { oneShot = false } = {},
): Builder {
  const memory: BuilderMemory = {
    summaries: new Map(),
    bodies: new Map(),
    previous: new Map(),
    remembered: new RememberedSources(),
    rendered: new WeakMap(),
    placeSite: createSiteBuilder(),
    searchState: undefined,
  };
  const { summaries, bodies, remembered } = memory;
  let runner: TaskRunner | undefined;
  let saving: Promise<void> = Promise.resolve();
  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    saving = remembered.saveParsed();
    // Handled here so that it cannot end the process; the next build or `close` throws it.
    saving.catch(() => {});
  };

  return {
    async build(hint) {
      // A save not yet begun waits for this build, which saves what it parsed as well.
      clearTimeout(saveTimer);
      await saving;
      runner ??= createTaskRunner(options.jobs, undefined, { oneBuild: oneShot });
      const started = performance.now();
      const run = createRun(options, runner, memory);
      const result = await runBuild(run, hint);
      result.stats.seconds = (performance.now() - started) / 1000;
      // What this build did not use (an edited article's old render) is not kept for the next.
      for (const map of [summaries, bodies]) {
        for (const key of map.keys()) if (!run.articleByKey.has(key)) map.delete(key);
      }
      if (result.exitCode === 0) {
        result.changed = changedPaths(memory.previous, run.outputs);
        memory.previous = run.outputs;
      }
      // Parsed front matter goes to disk a little later: the dev server's reload and the
      // browser's requests that follow it do not wait for the file.
      saveTimer = setTimeout(save, SAVE_DELAY_MS);
      return result;
    },
    async close() {
      if (saveTimer) save();
      try {
        await saving;
      } finally {
        await runner?.close();
        runner = undefined;
      }
    },
  };
}
