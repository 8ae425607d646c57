import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { article } from './fixtures.js';

function render(body: string, basePath: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {}, basePath }).render(article(body));
}

describe('links an author writes from the site root, on a site under a base path', () => {
  it('get the base path: links and images', () => {
    const { html } = render(
      '[前回の記事](/posts/zenkai/)で見た図 ![グラフ](/images/graph.png) を使う。\n',
      '/blog/',
    );
    expect(html).toContain('<a href="/blog/posts/zenkai/">前回の記事</a>');
    expect(html).toContain('src="/blog/images/graph.png"');
  });

  it('keeps relative links, fragments, other hosts and paths already under the base path', () => {
    const { html } = render(
      [
        '[同じ記事の式](#eq-1)',
        '[となり](../tonari/)',
        '[外](https://example.com/a)',
        '[プロトコル相対](//cdn.example.com/x.png)',
        '[書いたまま](/blog/posts/a/)',
      ].join('、') + '\n',
      '/blog/',
    );
    expect(html).toContain('href="#eq-1"');
    expect(html).toContain('href="../tonari/"');
    expect(html).toContain('href="https://example.com/a"');
    expect(html).toContain('href="//cdn.example.com/x.png"');
    expect(html).toContain('href="/blog/posts/a/"');
    expect(html).not.toContain('/blog/blog/');
  });

  it('changes nothing at the root', () => {
    expect(render('[前回](/posts/zenkai/)\n', '/').html).toContain('href="/posts/zenkai/"');
  });
});
