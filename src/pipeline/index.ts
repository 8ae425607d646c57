export type {
  ArticlePage,
  Builder,
  BuildHint,
  BuildOptions,
  BuildResult,
  BuildStats,
} from './options.js';
export { build, createBuilder } from './builder.js';
export type { BuildProgress, ProgressListener } from './progress.js';
// The CLI takes the output folder's lock around a build (`output/output-lock.ts`).
export {
  isWriteFailure,
  lockOutputFolder,
  OutputFolderBusy,
  writeFailure,
  type LockHolder,
} from '../output/index.js';
