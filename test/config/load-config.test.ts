import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../src/config/index.js';

let site: string;
beforeEach(async () => {
  site = await mkdtemp(join(tmpdir(), 'sugaku-config-'));
});
afterEach(async () => {
  await rm(site, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('uses the defaults when the site has no config file', async () => {
    expect(await loadConfig(undefined, site)).toEqual({ config: defaultConfig(), diagnostics: [] });
  });

  it('applies --base-path even without a config file', async () => {
    expect((await loadConfig(undefined, site, { basePath: '/blog/' })).config?.basePath).toBe(
      '/blog/',
    );
  });

  it('reads sugaku.config.yaml from the site folder', async () => {
    await writeFile(join(site, 'sugaku.config.yaml'), 'title: 数学ノート\n');
    expect((await loadConfig(undefined, site)).config?.title).toBe('数学ノート');
  });

  it('reads the file given with --config, relative to the site folder', async () => {
    await writeFile(join(site, 'staging.yaml'), 'title: 検証用\nfoo: 1\n');
    const { config, diagnostics } = await loadConfig('staging.yaml', site);
    expect(config?.title).toBe('検証用');
    expect(diagnostics[0]).toMatchObject({ file: 'staging.yaml', line: 2, severity: 'warning' });
  });

  it('reports a --config file that does not exist', async () => {
    const { config, diagnostics } = await loadConfig('missing.yaml', site);
    expect(config).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'missing.yaml',
        severity: 'error',
        code: 'config/not-found',
        message: 'The config file missing.yaml does not exist',
      }),
    ]);
  });
});
