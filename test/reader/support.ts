/// <reference lib="dom" />
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { build, type BuildResult } from '../../src/pipeline/index.js';
import { repo } from '../support/cli.js';

/** Where the reader tests leave their screenshots (git-ignored). */
export const SCREENSHOTS = path.join(repo, 'test-results/reader');

/** Two tests-only articles: one about logarithms (`\log_a`), one with compounds (新幹線, ガベージコレクション) a word segmenter would cut. */
export const FIXTURE_POSTS = path.join(import.meta.dirname, 'fixtures/posts');

export interface BuiltSite {
  root: string;
  out: string;
  result: BuildResult;
  remove(): Promise<void>;
}

/**
 * The example site (and, with `fixtures`, the two tests-only articles) built into a
 * temporary folder, as `sugaku build` would, without the render cache.
 */
export async function buildExample(
  options: {
    basePath?: string;
    fixtures?: boolean;
    /** Leave out the example site's own articles. */
    noExample?: boolean;
    /** More articles: file name → Markdown source. */
    posts?: Record<string, string>;
  } = {},
): Promise<BuiltSite> {
  const root = await mkdtemp(path.join(tmpdir(), 'sugaku-reader-'));
  const content = path.join(root, 'content');
  await mkdir(path.join(content, 'posts'), { recursive: true });
  if (!options.noExample) {
    await cp(path.join(repo, 'content/posts'), path.join(content, 'posts'), { recursive: true });
  }
  for (const [name, source] of Object.entries(options.posts ?? {})) {
    await writeFile(path.join(content, 'posts', name), source);
  }
  if (options.fixtures) {
    for (const name of await readdir(FIXTURE_POSTS)) {
      await cp(path.join(FIXTURE_POSTS, name), path.join(content, 'posts', name));
    }
  }
  const out = path.join(root, 'dist');
  const result = await build({
    cwd: repo,
    contentDir: path.relative(repo, content),
    outDir: out,
    templatesDir: 'templates',
    publicDir: 'public',
    drafts: false,
    strict: false,
    cacheDir: false,
    jobs: 1,
    ...(options.basePath ? { basePath: options.basePath } : {}),
  });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.exitCode).toBe(0);
  return { root, out, result, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Run axe-core in the page; the serious and critical violations, one line each. With
 * `every`, every violation of WCAG 2 A and AA (2.0 to 2.2) and of axe's best practices.
 */
export async function axeViolations(
  page: Page,
  options: { every?: boolean } = {},
): Promise<string[]> {
  await page.addScriptTag({ path: path.join(repo, 'node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async (every) => {
    const axe = (
      window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }
    ).axe;
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    const results = await axe.run(document, {
      resultTypes: ['violations'],
      ...(every ? { runOnly: { type: 'tag', values: tags } } : {}),
    });
    return results.violations
      .filter((v) => every || v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, options.every ?? false);
  return violations;
}

interface AxeResults {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}
