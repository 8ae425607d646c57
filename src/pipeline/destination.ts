import {
  openSiteWriter,
  outputFileBytes,
  recoverInterruptedSwap,
  removeScratchFolders,
  type SiteWriter,
} from '../output/index.js';
import type { SearchIndexState } from '../search/index.js';
import { inParallel } from '../util/index.js';
import { contentHash, sha256 } from './fingerprint.js';
import {
  readManifest,
  sameBytesOnDisk,
  unchangedOnDisk,
  allUnchangedOnDiskSync,
  writeManifest,
  type OutputManifest,
} from './manifest.js';
import { sameKey, type KeyedFile, type OutputKey, type PreviousOutput } from './output-keys.js';
import { readSearchState, writeSearchState } from './search-state.js';
import type { OutputFile } from '../model/index.js';

/**
 * Where the pages go: an output folder written atomically (`sugaku build`), or memory
 * (the dev server). Everything a build does differently for the two is here, so the
 * steps do not ask which one they write to.
 */
export interface Destination {
  /** The output folder as the options name it (also the identity of a remembered search index). */
  readonly outDir: string;
  /** Before anything else: put right what an interrupted build left, read what the last one wrote. */
  prepare(): Promise<void>;
  /** A page's key from its parts: hashed for the manifest on disk, the parts themselves in memory. */
  pageKey(parts: string[]): OutputKey;
  /** Whether the previous build's `file`, made from `key`, is still there as it left it. */
  reusable(file: string, key: OutputKey): Promise<boolean>;
  /** `reusable` for all of `files`, synchronously (the search index asks while it is made). */
  allReusableSync(files: readonly { path: string; key: string }[]): boolean;
  /** The previous build's files made from `key`, if all of them are still there as it left them. */
  keptGroup(key: string): Promise<KeyedFile[] | undefined>;
  /** The search index state a previous process left for this output folder. */
  storedSearchState(): SearchIndexState | undefined;
  saveSearchState(state: SearchIndexState): Promise<void>;
  /** Start this build's output: files are kept or put, then all committed or none. */
  open(): Promise<OutputSession>;
  /** What a dev server serves: the files held in memory. */
  heldFiles(outputs: Map<string, PreviousOutput>): OutputFile[];
}

/** One build's output, open. */
export interface OutputSession {
  /** A folder the worker threads write pages into, if pages go to disk. */
  readonly stagingDir: string | undefined;
  /** Take the previous build's file, found unchanged a moment ago. */
  keep(file: string): Promise<void>;
  /** Put a file besides the pages; a file the previous build made the same stays in `keep`. */
  put(file: KeyedFile, keep: Set<string>): Promise<PreviousOutput>;
  /** Swap the new site in. */
  commit(): Promise<void>;
  abort(): Promise<void>;
  /** Note for the next build what this one made, once the new site is in. */
  remember(outputs: Map<string, PreviousOutput>): Promise<void>;
}

/** The outputs of the builder's last successful build, as a memory destination compares with them. */
export interface PreviousOutputs {
  readonly previous: Map<string, PreviousOutput>;
}

export function diskDestination(outDir: string, cacheDir: string | undefined): Destination {
  let manifest: OutputManifest | undefined;
  const reusable = async (file: string, key: OutputKey) =>
    typeof key === 'string' && unchangedOnDisk(manifest, outDir, file, key);
  return {
    outDir,
    async prepare() {
      // A build killed between its two renames left the site in `.previous`: put it back
      // first, so that even a build that fails leaves a complete `dist/`.
      await recoverInterruptedSwap(outDir);
      await removeScratchFolders(outDir);
      manifest = cacheDir ? await readManifest(cacheDir, outDir) : undefined;
    },
    pageKey: (parts) => sha256(...parts),
    reusable,
    allReusableSync: (files) => allUnchangedOnDiskSync(manifest, outDir, files),
    async keptGroup(key) {
      const files = Object.entries(manifest?.files ?? {})
        .filter(([, entry]) => entry.key === key)
        .map(([file]) => file);
      if (files.length === 0) return undefined;
      const unchanged = await inParallel(files, (file) => reusable(file, key));
      if (unchanged.includes(false)) return undefined;
      return files.map((file) => ({ path: file, key }));
    },
    storedSearchState: () => (cacheDir ? readSearchState(cacheDir) : undefined),
    async saveSearchState(state) {
      if (cacheDir) await writeSearchState(cacheDir, state);
    },
    async open() {
      return diskSession(await openSiteWriter(outDir), outDir, cacheDir, manifest);
    },
    heldFiles: () => [],
  };
}

function diskSession(
  writer: SiteWriter,
  outDir: string,
  cacheDir: string | undefined,
  manifest: OutputManifest | undefined,
): OutputSession {
  return {
    stagingDir: writer.stagingDir,
    keep: (file) => keepPrevious(writer, file),
    async put({ path: file, key, file: content }, keep) {
      if (keep.has(file)) {
        await keepPrevious(writer, file);
        return { key };
      }
      if (!content)
        throw new Error(`${file} was to be kept from the previous build, but it changed`);
      // Read once: hashed, then written from the same bytes.
      const bytes = await outputFileBytes(content);
      const sha = contentHash(bytes);
      // The same bytes from a new key (most of the search index after an edit) keep the
      // old file and its modification time.
      const same = await sameBytesOnDisk(manifest, outDir, file, sha);
      if (same && (await writer.keep(file))) keep.add(file);
      else await writer.write(file, bytes);
      return { key, sha };
    },
    commit: () => writer.commit(),
    abort: () => writer.abort(),
    async remember(outputs) {
      if (!cacheDir) return;
      const entries = [...outputs].map(([file, output]) => {
        // Pages bound for disk are keyed by `pageKey`'s hash; parts would be our own bug.
        if (typeof output.key !== 'string') throw new Error(`${file} has no hashed key`);
        return [file, { key: output.key, sha: output.sha }] as const;
      });
      await writeManifest(cacheDir, outDir, new Map(entries));
    },
  };
}

/** A file found unchanged a moment ago must still be there: a site without it is incomplete. */
async function keepPrevious(writer: SiteWriter, file: string): Promise<void> {
  if (!(await writer.keep(file))) {
    throw new Error(`${file} was to be kept from the previous build, but it is gone`);
  }
}

export function memoryDestination(outDir: string, builder: PreviousOutputs): Destination {
  const reusable = (file: string, key: OutputKey) => sameKey(builder.previous.get(file)?.key, key);
  return {
    outDir,
    async prepare() {},
    pageKey: (parts) => parts,
    reusable: async (file, key) => reusable(file, key),
    allReusableSync: (files) => files.every(({ path: file, key }) => reusable(file, key)),
    async keptGroup(key) {
      const files = [...builder.previous].filter(([, output]) => output.key === key);
      if (files.length === 0) return undefined;
      return files.map(([file, output]) => ({ path: file, key, file: output.file }));
    },
    storedSearchState: () => undefined,
    async saveSearchState() {},
    async open() {
      return {
        stagingDir: undefined,
        async keep() {},
        async put({ path: file, key, file: content }, keep) {
          if (!keep.has(file) && !content) {
            throw new Error(`${file} was to be kept from the previous build, but it changed`);
          }
          return { key, file: content ?? builder.previous.get(file)?.file };
        },
        async commit() {},
        async abort() {},
        async remember() {},
      };
    },
    heldFiles(outputs) {
      const files: OutputFile[] = [];
      for (const output of outputs.values()) if (output.file) files.push(output.file);
      return files;
    },
  };
}
