import { inject } from 'vitest';
import type { BuildStats } from '../../src/pipeline/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    exampleSite: SharedSite;
    /** The shared Chromium's WebSocket endpoint (test/support/browser.ts). */
    chromiumEndpoint: string;
  }
}

/** One build of the shared example site (see test/support/global-setup.ts). */
export interface SharedBuild {
  /** The output folder. Read it, never change it: every test file of the run reads it. */
  out: string;
  basePath: string;
  exitCode: number;
  diagnostics: Diagnostic[];
  stats: BuildStats;
}

/**
 * The example site's articles and the two tests-only ones of test/reader/fixtures/posts,
 * built once per run: at the root of its host, and under /blog/.
 */
export interface SharedSite {
  /** The content folder both were built from (`posts/…`). */
  content: string;
  root: SharedBuild;
  blog: SharedBuild;
}

/** The shared example site, built before the run by the `site` project's global setup. */
export function exampleSite(): SharedSite {
  const site = inject('exampleSite');
  if (!site) {
    throw new Error(
      'No shared example site: this test file reads it, so it belongs in the `site` project (SITE_TESTS in vitest.config.ts).',
    );
  }
  return site;
}
