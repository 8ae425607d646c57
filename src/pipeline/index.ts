export type {
  ArticlePage,
  Builder,
  BuildHint,
  BuildOptions,
  BuildResult,
  BuildStats,
} from './build.js';
export { build, createBuilder } from './build.js';
export type { BuildProgress, ProgressListener } from './progress.js';
// The CLI takes the output folder's lock around a build (`output/output-lock.ts`).
export {
  isWriteFailure,
  lockOutputFolder,
  OutputFolderBusy,
  writeFailure,
  type LockHolder,
} from '../output/index.js';
