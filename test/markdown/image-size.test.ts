import MarkdownIt from 'markdown-it';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { imageSizePlugin } from '../../src/markdown/rules/image-size.js';
import { article } from './fixtures.js';

function render(markdown: string): string {
  return new MarkdownIt({ html: false }).use(imageSizePlugin).render(markdown);
}

function image(markdown: string): Record<string, string> | undefined {
  return parse(render(markdown)).querySelector('img')?.attributes;
}

describe('image sizes as Zenn writes them', () => {
  it('takes =300x as the width, not as text', () => {
    const html = render('![グラフ](/images/graph.png =300x)\n');
    expect(image('![グラフ](/images/graph.png =300x)\n')).toEqual({
      src: '/images/graph.png',
      alt: 'グラフ',
      width: '300',
    });
    expect(html).not.toContain('=300x');
  });

  it('takes =300x200 as width and height, and =x200 as the height alone', () => {
    expect(image('![図1](/images/a.png =300x200)')).toMatchObject({ width: '300', height: '200' });
    const heightOnly = image('![図2](/images/b.png =x120)')!;
    expect(heightOnly.height).toBe('120');
    expect(heightOnly.width).toBeUndefined();
  });

  it('keeps a title, before or after the size', () => {
    expect(image('![図](a.png "単位円" =240x)')).toMatchObject({ title: '単位円', width: '240' });
    expect(image('![図](a.png =240x "単位円")')).toMatchObject({ title: '単位円', width: '240' });
  });

  it('leaves images without a size, and text that only looks like one, to markdown-it', () => {
    expect(image('![図](a.png)')).toEqual({ src: 'a.png', alt: '図' });
    expect(render('![図](a.png =x)\n')).toContain('=x');
    expect(render('![図](a.png =axb)\n')).not.toContain('<img');
  });

  it('is not fooled into an unsafe address', () => {
    expect(render('![図](javascript:alert(1) =300x)\n')).not.toContain('<img');
  });

  it('is a link the build checks, located like any image', () => {
    const rendered = createMarkdownRenderer(createMathEngine(), { macros: {} }).render(
      article('グラフは次のとおり。\n\n![グラフ](/images/graph.png =300x)\n'),
    );
    expect(rendered.links).toEqual([
      {
        kind: 'image',
        href: '/images/graph.png',
        location: { file: 'content/posts/test.md', line: 7, column: 1 },
      },
    ]);
  });
});
