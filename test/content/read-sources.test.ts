import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSources, rereadSources } from '../../src/content/index.js';

let site: string;
beforeEach(async () => {
  site = await mkdtemp(join(tmpdir(), 'sugaku-content-'));
});
afterEach(async () => {
  await rm(site, { recursive: true, force: true });
});

async function write(path: string, contents: string | Uint8Array) {
  await mkdir(join(site, path, '..'), { recursive: true });
  await writeFile(join(site, path), contents);
}

async function paths(contentDir = 'content') {
  return (await readSources(contentDir, site)).sources.map((source) => source.path);
}

describe('readSources', () => {
  it('finds every Markdown post, nested too, sorted, with paths from the site folder', async () => {
    await write('content/posts/対数.md', '---\ntitle: 対数\n---\n');
    await write('content/posts/2025/05/微分.md', '# 微分');
    await write('content/posts/a.md', 'a');
    const { sources, diagnostics } = await readSources('content', site);
    expect(sources.map((s) => s.path)).toEqual([
      'content/posts/2025/05/微分.md',
      'content/posts/a.md',
      'content/posts/対数.md',
    ]);
    expect(sources[2]?.text).toBe('---\ntitle: 対数\n---\n');
    expect(diagnostics).toEqual([]);
  });

  it('ignores other files, dot files and Markdown outside posts/', async () => {
    await write('content/posts/図.png', 'png');
    await write('content/posts/.下書き.md', 'x');
    await write('content/about.md', 'x');
    await write('content/posts/ok.md', 'x');
    expect(await paths()).toEqual(['content/posts/ok.md']);
  });

  it('returns no sources and no errors for a new site without posts/', async () => {
    expect(await readSources('content', site)).toEqual({
      sources: [],
      bundleFiles: [],
      diagnostics: [],
    });
  });

  it('keeps the BOM and CRLF for parseArticle to deal with', async () => {
    await write('content/posts/bom.md', '\uFEFF---\r\n');
    expect((await readSources('content', site)).sources[0]?.text).toBe('\uFEFF---\r\n');
  });

  it('reports a Shift_JIS file at its first bad byte instead of failing', async () => {
    // `---`, then 対数 in Shift_JIS on line 2.
    const sjis = [0x2d, 0x2d, 0x2d, 0x0d, 0x0a, 0x61, 0x3a, 0x20, 0x91, 0xce, 0x90, 0x94];
    await write('content/posts/sjis.md', new Uint8Array(sjis));
    await write('content/posts/ok.md', 'x');
    const { sources, diagnostics } = await readSources('content', site);
    expect(sources.map((s) => s.path)).toEqual(['content/posts/ok.md']);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'content/posts/sjis.md',
        line: 2,
        column: 4,
        severity: 'error',
        code: 'source/encoding',
        message: 'This file is not valid UTF-8 text',
      }),
    ]);
    expect(diagnostics[0]?.hint).toContain('Shift_JIS');
  });

  it('reads from a content folder given as an absolute path', async () => {
    await write('content/posts/a.md', 'a');
    expect(await paths(join(site, 'content'))).toEqual(['content/posts/a.md']);
  });
});

describe('rereadSources', () => {
  const at = (path: string) => join(site, path);

  it('reads again only the changed files, and sees files added and removed', async () => {
    await write('content/posts/対数.md', '一');
    await write('content/posts/b.md', 'b');
    await write('content/posts/c.md', 'c');
    const before = await readSources('content', site);
    await write('content/posts/対数.md', '二');
    await unlink(at('content/posts/b.md'));
    await write('content/posts/sub/新しい.md', '新');
    // c.md changed too, but nobody said so: it keeps the text read before.
    await write('content/posts/c.md', 'c2');
    const after = await rereadSources(
      before,
      [at('content/posts/対数.md'), at('content/posts/b.md'), at('content/posts/sub/新しい.md')],
      'content',
      site,
    );
    expect(after?.sources).toEqual([
      { path: 'content/posts/c.md', text: 'c' },
      { path: 'content/posts/sub/新しい.md', text: '新' },
      { path: 'content/posts/対数.md', text: '二' },
    ]);
  });

  it('reports a file that became unreadable, and forgets the report once it is fixed', async () => {
    await write('content/posts/a.md', 'a');
    const before = await readSources('content', site);
    await write('content/posts/a.md', new Uint8Array([0x82, 0xa0]));
    const broken = await rereadSources(before, [at('content/posts/a.md')], 'content', site);
    expect(broken?.diagnostics.map((d) => d.code)).toEqual(['source/encoding']);
    await write('content/posts/a.md', 'あ');
    const fixed = await rereadSources(broken!, [at('content/posts/a.md')], 'content', site);
    expect(fixed).toEqual({
      sources: [{ path: 'content/posts/a.md', text: 'あ' }],
      bundleFiles: [],
      diagnostics: [],
    });
  });

  it('leaves the sources as they were for changes outside posts/', async () => {
    await write('content/posts/a.md', 'a');
    const before = await readSources('content', site);
    expect(await rereadSources(before, [at('templates/base.liquid')], 'content', site)).toBe(
      before,
    );
  });

  it('asks for a full read when a folder or a file that is not Markdown changed', async () => {
    await write('content/posts/a.md', 'a');
    const before = await readSources('content', site);
    await write('content/posts/moved/x.md', 'x');
    expect(
      await rereadSources(before, [at('content/posts/moved')], 'content', site),
    ).toBeUndefined();
    expect(
      await rereadSources(before, [at('content/posts/notes.txt')], 'content', site),
    ).toBeUndefined();
  });
});

describe('articles kept as folders', () => {
  it('list the files beside index.md, named by the article, and leave nested articles their own', async () => {
    const write = async (file: string, text: string) => {
      await mkdir(dirname(join(site, file)), { recursive: true });
      await writeFile(join(site, file), text);
    };
    await write('content/posts/グラフ/index.md', '# グラフ');
    await write('content/posts/グラフ/graph.png', 'png');
    await write('content/posts/グラフ/data/points.csv', '1,2');
    await write('content/posts/グラフ/.DS_Store', '');
    await write('content/posts/グラフ/付録/index.md', '# 付録');
    await write('content/posts/グラフ/付録/table.svg', '<svg/>');
    await write('content/posts/単独.md', '# 単独');
    await write('content/posts/単独.png', 'not beside a folder article');

    const { sources, bundleFiles } = await readSources('content', site);
    expect(sources.map((s) => s.path)).toEqual([
      'content/posts/グラフ/index.md',
      'content/posts/グラフ/付録/index.md',
      'content/posts/単独.md',
    ]);
    expect(bundleFiles.map(({ sourcePath, path: file }) => `${sourcePath} ${file}`)).toEqual([
      'content/posts/グラフ/index.md data/points.csv',
      'content/posts/グラフ/index.md graph.png',
      'content/posts/グラフ/付録/index.md table.svg',
    ]);
  });
});
