import { performance } from 'node:perf_hooks';
import { inParallel } from '../../util/index.js';
import type { OutputSession } from '../destination.js';
import type { KeyedFile } from '../output-keys.js';
import type { BuildRun } from '../run-context.js';
import type { PagePlan } from './render-pages.js';
import type { PendingSearchIndex } from './search-index.js';

/** This build's output, open: what it will hold, and what it keeps from the previous build. */
export interface OpenOutput {
  session: OutputSession;
  /** Paths of every output file, the search index's added once it is made. */
  files: string[];
  /** Paths kept as the previous build left them. */
  keep: Set<string>;
}

/** Find what the previous build left that this one can keep, and open the output. */
export async function openOutput(
  run: BuildRun,
  plans: PagePlan[],
  assets: KeyedFile[],
): Promise<OpenOutput> {
  const keep = new Set<string>();
  const outputs = [...plans, ...assets];
  const reusable = await inParallel(outputs, ({ path: file, key }) =>
    run.destination.reusable(file, key),
  );
  outputs.forEach(({ path: file }, index) => {
    if (reusable[index]) keep.add(file);
  });
  return {
    session: await run.destination.open(),
    files: outputs.map((output) => output.path),
    keep,
  };
}

/** Write search: the search index, updated before the pages or made now, after them. */
export async function searchFiles(
  run: BuildRun,
  output: OpenOutput,
  search: PendingSearchIndex,
): Promise<KeyedFile[]> {
  const waitStarted = performance.now();
  const made = await search.files();
  run.stats.searchWaitSeconds = (performance.now() - waitStarted) / 1000;
  output.files.push(...made.map((file) => file.path));
  // Files of the search index it keeps were checked when it was made.
  for (const file of made) if (!file.file) output.keep.add(file.path);
  return made;
}

/** Write: every file besides the pages, a few at a time, recorded in order. */
export async function writeFiles(
  run: BuildRun,
  output: OpenOutput,
  files: KeyedFile[],
): Promise<void> {
  // Ten thousand search index files at 10,000 articles.
  const outputs = await inParallel(files, (file) => output.session.put(file, output.keep));
  files.forEach(({ path: file }, index) => run.outputs.set(file, outputs[index]!));
}

/** After the swap: what was written, for the next build and the stats. */
export async function rememberOutput(run: BuildRun, output: OpenOutput): Promise<void> {
  await output.session.remember(run.outputs);
  run.stats.filesUnchanged = output.keep.size;
  run.stats.filesWritten = output.files.length - output.keep.size;
}
