import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/pipeline/index.js';
import { repo } from '../support/cli.js';
import { siteBuildOptions } from '../support/site-build.js';

/**
 * A site with a PNG and an SVG in public/ and a JPEG and an SVG beside an article kept as a
 * folder (test/fixtures/images: a graph of y = x² drawn by us): what the page says of each
 * image, the WebP variants the build makes, and that a second build encodes nothing.
 */
let root: string;

function options(extra: Partial<BuildOptions> = {}): BuildOptions {
  return siteBuildOptions(root, { cacheDir: '.cache', ...extra });
}

async function page(outDir = 'dist') {
  const html = await readFile(path.join(root, outDir, 'posts/放物線/index.html'), 'utf8');
  return parse(html).querySelector('.post__body')!;
}

const imageFacts = (body: Awaited<ReturnType<typeof page>>) =>
  body.querySelectorAll('img').map((img) => {
    const { src, width, height, loading, decoding } = img.attributes;
    return `${decodeURI(src!)} ${width}×${height} ${loading} ${decoding}`;
  });

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-images-'));
  await cp(path.join(repo, 'test/fixtures/images'), root, { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('images on a built page', () => {
  let first: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    first = await build(options());
  });

  it('gives PNG, JPEG and SVG images from public/ and from the article folder their size, lazy and async', async () => {
    expect(first.exitCode).toBe(0);
    expect(imageFacts(await page())).toEqual([
      '/images/parabola.png 1200×900 lazy async',
      'graph.jpg 600×450 lazy async',
      'axes.svg 240×120 lazy async',
      '/images/parabola.svg 200×150 lazy async',
      '/images/parabola.png 300×225 lazy async',
    ]);
  });

  it('warns about the image without alternative text, where it is written', () => {
    expect(
      first.diagnostics
        .filter((d) => d.code === 'markdown/image-without-alt')
        .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}`),
    ).toEqual(['content/posts/放物線/index.md:15:37 warning']);
  });

  it('shows the titled image as a figure with its caption, math rendered', async () => {
    const figure = (await page()).querySelector('figure')!;
    expect(figure.querySelector('img')!.getAttribute('alt')).toBe('y = x² のグラフ');
    const caption = figure.querySelector('figcaption')!;
    expect(caption.text).toContain('のグラフ。点');
    expect(caption.querySelectorAll('.katex')).toHaveLength(3);
  });

  it('offers WebP variants of the PNG and the JPEG that exist in the output, none of the SVGs', async () => {
    const sources = (await page()).querySelectorAll('picture source');
    const srcsets = sources.map((source) => decodeURI(source.getAttribute('srcset')!));
    expect(srcsets).toEqual([
      '/images/parabola.png.320w.webp 320w, /images/parabola.png.640w.webp 640w, /images/parabola.png.960w.webp 960w, /images/parabola.png.1200w.webp 1200w',
      'graph.jpg.320w.webp 320w, graph.jpg.600w.webp 600w',
      '/images/parabola.png.320w.webp 320w, /images/parabola.png.640w.webp 640w, /images/parabola.png.960w.webp 960w, /images/parabola.png.1200w.webp 1200w',
    ]);
    const files = [
      'images/parabola.png.320w.webp',
      'images/parabola.png.1200w.webp',
      'posts/放物線/graph.jpg.320w.webp',
      'posts/放物線/graph.jpg.600w.webp',
    ];
    for (const file of files) {
      const bytes = await readFile(path.join(root, 'dist', file));
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    }
    expect(first.stats.imagesEncoded).toBe(6);
  });

  it('encodes nothing again on a second build, in a new builder', async () => {
    const before = await stat(path.join(root, 'dist/images/parabola.png.640w.webp'));
    const second = await build(options());
    expect(second.exitCode).toBe(0);
    expect(second.stats.imagesEncoded).toBe(0);
    expect(second.stats.articlesRendered).toBe(0);
    const after = await stat(path.join(root, 'dist/images/parabola.png.640w.webp'));
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('renders the article again when an image is replaced by one of another size', async () => {
    const bundle = path.join(root, 'content/posts/放物線');
    const original = await readFile(path.join(bundle, 'axes.svg'), 'utf8');
    await writeFile(path.join(bundle, 'axes.svg'), original.replace('0 0 240 120', '0 0 300 100'));
    const result = await build(options());
    expect(result.stats.articlesRendered).toBe(1);
    expect(imageFacts(await page())[2]).toBe('axes.svg 300×100 lazy async');
    await writeFile(path.join(bundle, 'axes.svg'), original);
  });

  it('names the variants under the base path', async () => {
    const result = await build(options({ basePath: '/blog/', outDir: 'blog' }));
    expect(result.exitCode).toBe(0);
    expect(result.stats.imagesEncoded).toBe(0);
    const source = (await page('blog')).querySelector('picture source')!;
    expect(source.getAttribute('srcset')).toMatch(
      /^\/blog\/images\/parabola\.png\.320w\.webp 320w/,
    );
  });
});
