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
