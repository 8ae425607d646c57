import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';
import type { ArticleImages } from '../../src/model/index.js';

const images: ArticleImages = {
  folder: '/posts/test/',
  files: {
    '/images/放物線.png': { width: 1600, height: 1200, variants: [320, 640, 960, 1280] },
    '/posts/test/graph.jpg': { width: 400, height: 300, variants: [320, 400] },
    '/images/単位円.svg': { width: 200, height: 100 },
  },
};

function render(body: string, options: { basePath?: string } = {}) {
  const renderer = createMarkdownRenderer(createMathEngine(), { macros: {}, ...options });
  return renderer.render(article(body), images);
}

function img(html: string) {
  return parse(html).querySelector('img')!.attributes;
}

describe('images carry their size and load lazily', () => {
  it('gives a PNG from public/ its size from the file, lazy and async', () => {
    const { html } = render('![放物線のグラフ](/images/放物線.png)\n');
    expect(img(html)).toMatchObject({
      width: '1600',
      height: '1200',
      loading: 'lazy',
      decoding: 'async',
    });
  });

  it('finds a relative image beside the article, and an SVG without variants', () => {
    const { html } = render('![グラフ](graph.jpg) と ![円](/images/単位円.svg)\n');
    const [jpeg, svg] = parse(html).querySelectorAll('img');
    expect(jpeg!.attributes).toMatchObject({ src: 'graph.jpg', width: '400', height: '300' });
    expect(svg!.attributes).toMatchObject({ width: '200', height: '100', loading: 'lazy' });
    expect(parse(html).querySelectorAll('picture')).toHaveLength(1);
  });

  it('lists the WebP variants of a raster image in a <picture>, the original as fallback', () => {
    const { html } = render('![放物線のグラフ](/images/放物線.png)\n');
    const source = parse(html).querySelector('picture > source')!;
    expect(source.getAttribute('type')).toBe('image/webp');
    expect(source.getAttribute('srcset')).toBe(
      [320, 640, 960, 1280]
        .map((width) => `/images/%E6%94%BE%E7%89%A9%E7%B7%9A.png.${width}w.webp ${width}w`)
        .join(', '),
    );
    expect(source.getAttribute('sizes')).toBe('(min-width: 672px) 640px, calc(100vw - 32px)');
    expect(parse(html).querySelector('picture > img')!.getAttribute('src')).toBe(
      '/images/%E6%94%BE%E7%89%A9%E7%B7%9A.png',
    );
  });

  it('finds the file behind the base path, and names the variants under it', () => {
    const { html } = render('![放物線のグラフ](/images/放物線.png)\n', { basePath: '/blog/' });
    expect(img(html).width).toBe('1600');
    expect(parse(html).querySelector('source')!.getAttribute('srcset')).toContain(
      '/blog/images/%E6%94%BE%E7%89%A9%E7%B7%9A.png.640w.webp 640w',
    );
  });

  it('lets a size the author wrote win, keeping the ratio for the side not written', () => {
    expect(img(render('![図](/images/放物線.png =300x)\n').html)).toMatchObject({
      width: '300',
      height: '225',
    });
    expect(img(render('![図](/images/放物線.png =x150)\n').html)).toMatchObject({
      width: '200',
      height: '150',
    });
    expect(img(render('![図](/images/放物線.png =10x10)\n').html)).toMatchObject({
      width: '10',
      height: '10',
    });
    // Shown 300 px wide: the browser is told so, and a 2× screen takes the 640w variant.
    expect(
      parse(render('![図](/images/放物線.png =300x)\n').html)
        .querySelector('source')!
        .getAttribute('sizes'),
    ).toBe('(min-width: 332px) 300px, calc(100vw - 32px)');
  });

  it('leaves an image it knows nothing of without a size, still lazy', () => {
    expect(img(render('![外の図](https://example.com/a.png)\n').html)).toEqual({
      src: 'https://example.com/a.png',
      alt: '外の図',
      loading: 'lazy',
      decoding: 'async',
    });
  });
});

describe('an image with a title is a figure', () => {
  it('puts the title in a <figcaption>, escaped, with its math rendered', () => {
    const { html } = render('![放物線](/images/放物線.png "$y = x^2$ のグラフ <b>太字</b>")\n');
    const figure = parse(html).querySelector('figure')!;
    expect(figure).not.toBeNull();
    expect(html).not.toMatch(/<p>\s*<figure/);
    const caption = figure.querySelector('figcaption')!;
    expect(caption.querySelector('.katex')).not.toBeNull();
    expect(caption.text).toContain('のグラフ <b>太字</b>');
    expect(caption.querySelector('b')).toBeNull();
    // The caption says it; no tooltip repeats it.
    expect(figure.querySelector('img')!.getAttribute('title')).toBeUndefined();
  });

  it('keeps an image with a title inside a sentence an image with a tooltip', () => {
    const { html } = render('図 ![円](/images/単位円.svg "単位円") を見よ。\n');
    expect(parse(html).querySelector('figure')).toBeNull();
    expect(img(html).title).toBe('単位円');
  });

  it('takes a sized image with a title as a figure too', () => {
    const { html } = render('![円](/images/単位円.svg =100x "単位円")\n');
    expect(parse(html).querySelector('figure figcaption')!.text).toBe('単位円');
    expect(img(html)).toMatchObject({ width: '100', height: '50' });
  });
});

describe('an image without alternative text', () => {
  it('is a warning at its line and column', () => {
    const { diagnostics } = render('はじめに。\n\n右の図 ![](/images/単位円.svg) を見よ。\n');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'content/posts/test.md',
        line: 7,
        column: 5,
        severity: 'warning',
        code: 'markdown/image-without-alt',
      }),
    ]);
  });

  it('is not reported for an image that has one', () => {
    expect(render('![単位円](/images/単位円.svg)\n').diagnostics).toEqual([]);
  });
});
