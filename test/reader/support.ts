/// <reference lib="dom" />
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { build, type BuildResult } from '../../src/pipeline/index.js';
import { repo } from '../support/cli.js';
import { repositoryBuildOptions } from '../support/site-build.js';

/** Where the reader tests leave their screenshots (git-ignored). */
export const SCREENSHOTS = path.join(repo, 'test-results/reader');

export interface BuiltSite {
  root: string;
  out: string;
  result: BuildResult;
  remove(): Promise<void>;
}

/**
 * A site of the given articles (file name → Markdown source), built into a
 * temporary folder as `sugaku build` would, without the render cache. The example site
 * itself is built once per run: see test/support/example-site.ts.
 */
export async function buildPosts(
  posts: Record<string, string>,
  /** Beside the example site's own articles: for a test that needs both on one site. */
  { withExample = false } = {},
): Promise<BuiltSite> {
  const root = await mkdtemp(path.join(tmpdir(), 'sugaku-reader-'));
  const content = path.join(root, 'content');
  await mkdir(path.join(content, 'posts'), { recursive: true });
  if (withExample) {
    await cp(path.join(repo, 'content/posts'), path.join(content, 'posts'), { recursive: true });
  }
  for (const [name, source] of Object.entries(posts)) {
    await writeFile(path.join(content, 'posts', name), source);
  }
  const out = path.join(root, 'dist');
  const result = await build(
    repositoryBuildOptions(path.relative(repo, content), out, { jobs: 1 }),
  );
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
