import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { inMemory, outputFileBytes } from '../../src/output/index.js';

/** A page like an article's: Japanese prose and KaTeX's markup, which is most of its bytes. */
function articlePage(formulas: number): string {
  const parts = ['<!doctype html><html lang="ja"><body><article>'];
  for (let i = 0; i < formulas; i++) {
    parts.push(`<p>第${i}式は次の通りである。</p>`);
    parts.push(katex.renderToString(`\\int_0^{${i}} e^{-x^2}\\,dx = \\sum_{k=0}^{n} a_k`));
  }
  parts.push('</article></body></html>');
  return parts.join('\n');
}

describe('a page kept in memory', () => {
  it('gives back its bytes exactly, Japanese text included', async () => {
    const page = articlePage(40);
    const kept = inMemory('posts/積分/index.html', page);
    expect(kept.path).toBe('posts/積分/index.html');
    expect(new TextDecoder().decode(await outputFileBytes(kept))).toBe(page);
    const bytes = new Uint8Array([0xe7, 0xa9, 0x8d, 0xe5, 0x88, 0x86]);
    expect([...(await outputFileBytes(inMemory('a.bin', bytes)))]).toEqual([...bytes]);
  });

  it('takes a fraction of the page’s size, in memory of its own', () => {
    const page = articlePage(40);
    const kept = inMemory('index.html', page);
    if (!('gzipped' in kept)) throw new Error('not compressed');
    expect(kept.gzipped.byteLength).toBeLessThan(Buffer.byteLength(page) / 5);
    // A view into zlib's larger output buffer would keep all of that alive.
    const small = inMemory('404.html', '<p>ページが見つかりません</p>');
    if (!('gzipped' in small)) throw new Error('not compressed');
    expect(small.gzipped.buffer.byteLength).toBe(small.gzipped.byteLength);
  });

  it('compresses the same page to the same bytes, so two builds compare without inflating', () => {
    const page = articlePage(5);
    const [a, b] = [inMemory('x.html', page), inMemory('x.html', `${page}`)];
    if (!('gzipped' in a) || !('gzipped' in b)) throw new Error('not compressed');
    expect(Buffer.from(a.gzipped).equals(Buffer.from(b.gzipped))).toBe(true);
    const other = inMemory('x.html', page.replace('第0式', '第〇式'));
    if (!('gzipped' in other)) throw new Error('not compressed');
    expect(Buffer.from(other.gzipped).equals(Buffer.from(a.gzipped))).toBe(false);
  });
});
