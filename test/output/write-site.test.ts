import { mkdtemp, readFile, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSiteWriter } from '../../src/output/index.js';
import { woff2Only } from '../../src/util/index.js';

/** A whole site through the build's writer: every file written, then swapped in, or nothing. */
async function writeSite(outDir: string, files: { path: string; content: string }[]) {
  const writer = await openSiteWriter(outDir);
  try {
    for (const file of files) await writer.write(file.path, file.content);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

let root: string;
let out: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-output-'));
  out = path.join(root, 'dist');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the site writer', () => {
  it('writes Japanese paths and replaces the previous build entirely', async () => {
    await mkdir(out);
    await writeFile(path.join(out, 'stale.html'), 'old');
    await writeSite(out, [
      { path: 'index.html', content: '<p>ホーム</p>' },
      { path: 'posts/対数/index.html', content: '<p>対数</p>' },
    ]);
    expect(await readFile(path.join(out, 'posts/対数/index.html'), 'utf8')).toBe('<p>対数</p>');
    await expect(stat(path.join(out, 'stale.html'))).rejects.toThrow();
    expect((await readdir(root)).sort()).toEqual(['dist']);
  });

  it('keeps the modification time of a file kept from the previous build', async () => {
    await writeSite(out, [
      { path: 'same.html', content: 'same' },
      { path: 'changed.html', content: 'v1' },
    ]);
    const before = await stat(path.join(out, 'same.html'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const writer = await openSiteWriter(out);
    expect(await writer.keep('same.html')).toBe(true);
    expect(await writer.keep('missing.html')).toBe(false);
    await writer.write('changed.html', 'v2');
    await writer.commit();
    const after = await stat(path.join(out, 'same.html'));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(path.join(out, 'changed.html'), 'utf8')).toBe('v2');
  });

  it('refuses to write outside the output folder and leaves the previous build untouched', async () => {
    await writeSite(out, [{ path: 'index.html', content: 'good' }]);
    await expect(
      writeSite(out, [
        { path: 'index.html', content: 'half' },
        { path: '../escaped.html', content: 'evil' },
      ]),
    ).rejects.toThrow(/outside the output folder/);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('good');
    await expect(stat(path.join(root, 'escaped.html'))).rejects.toThrow();
    expect((await readdir(root)).sort()).toEqual(['dist']);
  });

  it('restores the previous build when a build was killed between its two renames', async () => {
    await writeSite(out, [{ path: 'index.html', content: 'good' }]);
    // What a SIGKILL right after the first rename leaves behind.
    await import('node:fs/promises').then((fs) => fs.rename(out, `${out}.previous`));
    await mkdir(`${out}.staging-dead`);
    await writeSite(out, [{ path: 'index.html', content: 'good' }]);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('good');
    expect((await readdir(root)).sort()).toEqual(['dist']);
  });
});

describe('KaTeX assets', () => {
  it('lists only woff2 fonts in the stylesheet', () => {
    const css =
      '@font-face{src:url(fonts/A.woff2) format("woff2"),url(fonts/A.woff) format("woff"),url(fonts/A.ttf) format("truetype")}';
    expect(woff2Only(css)).toBe('@font-face{src:url(fonts/A.woff2) format("woff2")}');
  });
});
