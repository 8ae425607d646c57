import { describe, expect, it } from 'vitest';
import { resolveRequestPath } from '../../src/dev/index.js';

describe('resolveRequestPath', () => {
  it('maps a folder URL to its index.html', () => {
    expect(resolveRequestPath('/', '/')).toEqual({ kind: 'file', path: 'index.html' });
    expect(resolveRequestPath('/page/2/', '/')).toEqual({
      kind: 'file',
      path: 'page/2/index.html',
    });
    expect(resolveRequestPath('/assets/style.css?v=1#x', '/')).toEqual({
      kind: 'file',
      path: 'assets/style.css',
    });
  });

  it('percent-decodes Japanese paths: /posts/%E5%AF%BE%E6%95%B0/ is posts/対数/index.html', () => {
    expect(resolveRequestPath('/posts/%E5%AF%BE%E6%95%B0/', '/')).toEqual({
      kind: 'file',
      path: 'posts/対数/index.html',
    });
    expect(resolveRequestPath('/tags/%E8%A7%A3%E6%9E%90/', '/')).toEqual({
      kind: 'file',
      path: 'tags/解析/index.html',
    });
  });

  it('reads a slug typed in NFD (macOS) as the NFC the site was built with', () => {
    const nfd = encodeURIComponent('データ'.normalize('NFD'));
    expect(resolveRequestPath(`/posts/${nfd}/`, '/')).toEqual({
      kind: 'file',
      path: 'posts/データ/index.html',
    });
  });

  it.each([
    '/../package.json',
    '/posts/../../etc/passwd',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/..\\package.json',
    '/assets\\..\\..\\package.json',
    '/a%00.html',
    '/posts/%0d%0aSet-Cookie:x/',
    '/./index.html',
    '/%E5%AF%BE%E6',
    '/%c0%ae%c0%ae/package.json',
    'http://127.0.0.1/index.html',
    '*',
  ])('refuses %s', (target) => {
    expect(resolveRequestPath(target, '/').kind).toBe('bad-request');
  });

  it('serves a site under a base path, and nothing outside it', () => {
    expect(resolveRequestPath('/blog/posts/a/', '/blog/')).toEqual({
      kind: 'file',
      path: 'posts/a/index.html',
    });
    expect(resolveRequestPath('/blog/', '/blog/')).toEqual({ kind: 'file', path: 'index.html' });
    expect(resolveRequestPath('/', '/blog/')).toEqual({ kind: 'outside-base' });
    expect(resolveRequestPath('/other/index.html', '/blog/')).toEqual({ kind: 'outside-base' });
  });

  it('reads a percent-encoded Japanese base path', () => {
    const base = `/${encodeURIComponent('ブログ')}/`;
    expect(resolveRequestPath(`${base}posts/a/`, base)).toEqual({
      kind: 'file',
      path: 'posts/a/index.html',
    });
  });
});
