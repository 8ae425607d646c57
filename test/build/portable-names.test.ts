import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/pipeline/index.js';
import { listFiles } from '../support/file-tree.js';

/**
 * Names an author may write become folders that Linux, macOS and Windows all accept. A tag
 * of 120 kanji (360 bytes) used to end the build with ENAMETOOLONG and a stack trace; tags
 * such as `CON` or `a:b` made folders Windows cannot check out.
 */
const repo = path.resolve(import.meta.dirname, '../..');
const LONG_TAG = '解析学における非常に長いタグの名前'.repeat(7).slice(0, 120);
const LONG_SLUG = 'とても長いスラッグ'.repeat(14);

let root: string;
let result: BuildResult;
let files: string[];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-names-'));
  await mkdir(path.join(root, 'content/posts'), { recursive: true });
  await writeFile(path.join(root, 'site.yaml'), 'title: 名前のテスト\n');
  await writeFile(
    path.join(root, 'content/posts/nagai.md'),
    `---\ntitle: 長い名前の記事\ndate: 2025-05-20\nslug: ${LONG_SLUG}\n` +
      `tags: [${LONG_TAG}, CON, "a:b", "x?y", "末尾の点.", aux.txt]\nseries: "級数: 入門"\n---\n\n` +
      '級数 $\\sum_{n=1}^\\infty \\frac{1}{n^2} = \\frac{\\pi^2}{6}$ を示す。\n',
  );
  result = await build({
    cwd: repo,
    contentDir: path.join(root, 'content'),
    outDir: path.join(root, 'dist'),
    templatesDir: 'templates',
    publicDir: 'public',
    configPath: path.join(root, 'site.yaml'),
    cacheDir: false,
    jobs: 1,
    drafts: false,
    strict: false,
  });
  files = await listFiles(path.join(root, 'dist'));
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('long, reserved and odd names from front matter', () => {
  it('build without a diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('make only folder names that every system accepts', () => {
    const segments = new Set(files.flatMap((file) => file.split('/')));
    for (const segment of segments) {
      expect(Buffer.byteLength(segment, 'utf8'), segment).toBeLessThanOrEqual(255);
      // eslint-disable-next-line no-control-regex -- matching them is the point
      expect(segment).not.toMatch(/[<>:"|?*\\\u0000-\u001f]|[. ]$/);
      expect(segment).not.toMatch(/^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i);
    }
    expect(files).toContain('tags/CON-/index.html');
    expect(files).toContain('tags/a-b/index.html');
    expect(files).toContain('tags/x-y/index.html');
    expect(files).toContain('tags/末尾の点-/index.html');
    expect(files).toContain('tags/aux-.txt/index.html');
    expect(files).toContain('series/級数- 入門/index.html');
  });

  it('shorten a long tag and slug but keep them readable Japanese, the full name on the page', async () => {
    const tagFolder = files.find((file) => file.startsWith(`tags/${LONG_TAG.slice(0, 40)}`));
    expect(tagFolder).toMatch(/^tags\/[^/]+-[0-9a-f]{8}\/index\.html$/);
    const tagPage = await readFile(path.join(root, 'dist', tagFolder!), 'utf8');
    expect(tagPage).toContain(LONG_TAG);

    const articleFile = files.find((file) => file.startsWith(`posts/${LONG_SLUG.slice(0, 40)}`));
    expect(articleFile).toMatch(/^posts\/[^/]+-[0-9a-f]{8}\/index\.html$/);
    const article = await readFile(path.join(root, 'dist', articleFile!), 'utf8');
    // The article links to the tag page where it is.
    const tagUrl = `/${tagFolder!.replace(/index\.html$/, '')}`
      .split('/')
      .map(encodeURIComponent)
      .join('/');
    expect(article).toContain(`href="${tagUrl}"`);
  });
});
