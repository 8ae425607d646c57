import { performance } from 'node:perf_hooks';
import type { SiteConfig } from '../../config/index.js';
import { updateSearchIndex, type SearchIndexState } from '../../search/index.js';
import type { KeyedFile } from '../output-keys.js';
import type { BuildRun } from '../run-context.js';
import { searchDocuments } from '../site-files.js';
import type { KeyedArticle } from './read-sources.js';
import { articleSearch } from './render-articles.js';

/**
 * The search index (`src/search/`): it needs the articles' words, not the site graph.
 * Updated from the previous build's, it takes a few milliseconds and is done before the
 * pages, so that its reads do not wait behind their writes. Made from nothing, it is made
 * after the pages: beside them, its few hundred megabytes at 10,000 articles came on top
 * of theirs, and the build's peak passed 1.5 GB.
 */
export async function startSearchIndex(
  run: BuildRun,
  inSiteOrder: KeyedArticle[],
  config: SiteConfig,
): Promise<PendingSearchIndex> {
  const previous = previousSearchState(run);
  const make = () => measured(run, () => makeSearchIndex(run, inSiteOrder, config, previous));
  if (!previous) return { files: make };
  const files = await make();
  return { files: async () => files };
}

/** The search index's files: made, or to be made once the pages are written. */
export interface PendingSearchIndex {
  files(): Promise<KeyedFile[]>;
}

/**
 * From the previous build's state, only the changed articles' fragments and the delta
 * layer, unless a file it would keep is gone from the output folder; then every file
 * again, ids kept.
 */
function previousSearchState(run: BuildRun): SearchIndexState | undefined {
  const remembered = run.memory.searchState;
  if (remembered?.outDir === run.destination.outDir) return remembered.state;
  return run.destination.storedSearchState();
}

async function measured(run: BuildRun, make: () => Promise<KeyedFile[]>): Promise<KeyedFile[]> {
  const started = performance.now();
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  try {
    return await make();
  } finally {
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    run.stats.searchRssGrowthMB = (peakRss - startRss) / 2 ** 20;
    run.stats.searchSeconds = (performance.now() - started) / 1000;
  }
}

async function makeSearchIndex(
  run: BuildRun,
  inSiteOrder: KeyedArticle[],
  config: SiteConfig,
  previous: SearchIndexState | undefined,
): Promise<KeyedFile[]> {
  const input = {
    previous,
    documents: searchDocuments(inSiteOrder, config),
    entry: ({ key }: { key: string }) => articleSearch(run, key),
  };
  let update = await updateSearchIndex(input);
  const kept = update.files.filter((file) => file.content === undefined);
  const stillThere = run.destination.allReusableSync(kept);
  if (!stillThere) update = await updateSearchIndex({ ...input, full: true });
  run.searchState = update.state;
  run.stats.searchFull = update.full;
  run.stats.searchFilesMade = update.files.filter((file) => file.content).length;
  return update.files.map(({ path: file, key, content }) => ({
    path: file,
    key,
    ...(content ? { file: { path: file, content } } : {}),
  }));
}
