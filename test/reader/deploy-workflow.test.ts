import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repo } from '../support/cli.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

interface Workflow {
  on: { push: { branches: string[] }; workflow_dispatch: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { needs?: string; steps: Step[]; environment?: { name: string } }>;
}

const workflow = parse(
  await readFile(path.join(repo, '.github/workflows/deploy.yml'), 'utf8'),
) as Workflow;
const build = workflow.jobs.build!.steps;

/** Run the workflow's own base-path script as GitHub Actions would, with these inputs. */
function basePath(env: { REPO: string; OWNER: string; OVERRIDE?: string }): string {
  const step = build.find((s) => s.id === 'base')!;
  const folder = mkdtempSync(path.join(tmpdir(), 'sugaku-workflow-'));
  const output = path.join(folder, 'github-output');
  const result = spawnSync(
    'bash',
    ['-e', '-c', `: > "$GITHUB_OUTPUT"\n${step.run!}\ncat "$GITHUB_OUTPUT"`],
    {
      env: { PATH: process.env.PATH, OVERRIDE: '', ...env, GITHUB_OUTPUT: output },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  rmSync(folder, { recursive: true, force: true });
  expect(result.status, `${result.stderr} ${result.stdout} ${String(result.error)}`).toBe(0);
  return /^path=(.*)$/m.exec(result.stdout)![1]!;
}

describe('the GitHub Pages workflow', () => {
  it('builds on every push to main (and by hand) and deploys with the Pages permissions', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    expect(workflow.jobs.deploy!.needs).toBe('build');
    expect(workflow.jobs.deploy!.environment?.name).toBe('github-pages');
    expect(workflow.jobs.deploy!.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
  });

  it('builds with npm ci and npm run build, passing the base path, and publishes dist/', () => {
    const runs = build.flatMap((s) => (s.run ? [s.run.trim()] : []));
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npm run build -- --base-path "$BASE_PATH"');
    expect(build.find((s) => s.name === 'Build')!.env).toEqual({
      BASE_PATH: '${{ steps.base.outputs.path }}',
    });
    expect(build.find((s) => s.id === 'base')!.env).toMatchObject({
      REPO: '${{ github.event.repository.name }}',
    });
    expect(build.find((s) => s.uses === 'actions/upload-pages-artifact@v3')!.with).toEqual({
      path: 'dist',
    });
  });

  it('serves a project site from /<repo>/, a user site and an override from where they say', () => {
    expect(basePath({ REPO: 'math-notes', OWNER: 'sato' })).toBe('/math-notes/');
    expect(basePath({ REPO: 'sato.github.io', OWNER: 'Sato' })).toBe('/');
    expect(basePath({ REPO: 'math-notes', OWNER: 'sato', OVERRIDE: '/' })).toBe('/');
  });
});
