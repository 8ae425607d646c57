import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { build } from '../../src/pipeline/index.js';
import { CHROMIUM_LAUNCH } from './chromium.js';
import { repo } from './cli.js';
import type { SharedBuild, SharedSite } from './example-site.js';
import { repositoryBuildOptions } from './site-build.js';

/**
 * What the tests of the `site` project (vitest.config.ts) share, made once per run before
 * any of them starts: one headless Chromium, which each test file connects to, and the
 * example site built once at the root of its host and once under /blog/. Tests that only
 * read the built site use these (test/support/example-site.ts); a test that changes a
 * site builds its own.
 */

/** Two tests-only articles: one about logarithms (`\log_a`), one with compounds (新幹線, ガベージコレクション) a word segmenter would cut. */
const FIXTURE_POSTS = path.join(repo, 'test/reader/fixtures/posts');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'sugaku-shared-'));
  const browser = await chromium.launchServer(CHROMIUM_LAUNCH);
  try {
    const content = path.join(scratch, 'content');
    await cp(path.join(repo, 'content/posts'), path.join(content, 'posts'), { recursive: true });
    for (const name of await readdir(FIXTURE_POSTS)) {
      await cp(path.join(FIXTURE_POSTS, name), path.join(content, 'posts', name));
    }
    const site: SharedSite = {
      content,
      root: await buildInto(content, path.join(scratch, 'root')),
      blog: await buildInto(content, path.join(scratch, 'blog'), '/blog/'),
    };
    project.provide('exampleSite', site);
    project.provide('chromiumEndpoint', browser.wsEndpoint());
  } catch (error) {
    await browser.close();
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    await browser.close();
    await rm(scratch, { recursive: true, force: true });
  };
}

/** As `sugaku build` would, without the render cache. */
async function buildInto(content: string, root: string, basePath?: string): Promise<SharedBuild> {
  const out = path.join(root, 'dist');
  const result = await build(repositoryBuildOptions(content, out, basePath ? { basePath } : {}));
  return {
    out,
    basePath: basePath ?? '/',
    exitCode: result.exitCode,
    diagnostics: result.diagnostics,
    stats: result.stats,
  };
}
