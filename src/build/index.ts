export type { BuildOptions, BuildResult, BuildStats } from './build.js';
export { build } from './build.js';
