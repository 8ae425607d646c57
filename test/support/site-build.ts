import path from 'node:path';
import type { BuildOptions } from '../../src/pipeline/index.js';
import { repo } from './cli.js';

/**
 * A one-thread, in-process build of a small site made in `root` (its own `content/`,
 * `public/` and `sugaku.config.yaml`), with the repository's templates and no cache on disk.
 */
export function siteBuildOptions(root: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    cwd: root,
    contentDir: 'content',
    outDir: 'dist',
    templatesDir: path.join(repo, 'templates'),
    publicDir: 'public',
    configPath: 'sugaku.config.yaml',
    drafts: false,
    strict: false,
    cacheDir: false,
    jobs: 1,
    ...extra,
  };
}

/**
 * A build of another content folder with the repository's templates, public files and
 * config, as `sugaku build --content DIR` run in the repository makes it, without the
 * render cache.
 */
export function repositoryBuildOptions(
  contentDir: string,
  outDir: string,
  extra: Partial<BuildOptions> = {},
): BuildOptions {
  return {
    cwd: repo,
    contentDir,
    outDir,
    templatesDir: 'templates',
    publicDir: 'public',
    drafts: false,
    strict: false,
    cacheDir: false,
    ...extra,
  };
}
