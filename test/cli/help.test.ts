import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseCommandArgs } from '../../src/cli/options.js';
import { repo, runCli } from '../support/cli.js';

// Seven processes started one after another: on a busy 2-core machine, more than 30 s.
vi.setConfig({ testTimeout: 120_000 });

describe('help and version', () => {
  it('sugaku --help and -h print the usage and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: sugaku <command> \[options\]/);
      expect(run.stdout).toContain('import  Move articles from Zenn or Qiita');
    }
  });

  it('each command answers --help with what it does and every option its parser takes', async () => {
    for (const command of ['build', 'dev', 'new'] as const) {
      const run = await runCli([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: sugaku ${command}`));
      const listed = [...run.stdout.matchAll(/^ {2}(--[\w-]+)/gm)].map(([, flag]) => flag!);
      for (const flag of listed.filter((flag) => flag !== '--debug')) {
        const takesValue = new RegExp(`^ {2}${flag} \\S`, 'm').test(run.stdout);
        const args = takesValue ? [flag, '1'] : [flag];
        expect(() => parseCommandArgs(command, args), flag).not.toThrow();
      }
    }
    const dev = await runCli(['dev', '-h']);
    expect(dev.stdout).toContain('--port N');
    expect(dev.stdout).not.toContain('--out DIR');
    const imported = await runCli(['import', '--help']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('--dry-run');
  });

  it('sugaku --version prints the version of package.json', async () => {
    const { version } = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`sugaku ${version}\n`);
  });

  it('an unknown option is still a usage error, exit 2', async () => {
    const run = await runCli(['build', '--helpme']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--helpme'");
  });
});
