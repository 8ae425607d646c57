import { describe, expect, test } from 'vitest';
import { menuUrl, menuView } from '../../src/render/menu.js';

describe('menu URLs from the config', () => {
  test('site paths get the base path and percent-encoded segments', () => {
    expect(menuUrl('/tags/解析/', '/blog/')).toBe('/blog/tags/%E8%A7%A3%E6%9E%90/');
    expect(menuUrl('/', '/blog/')).toBe('/blog/');
    expect(menuUrl('/about/', '/')).toBe('/about/');
    expect(menuUrl('series/対数 入門/', '/')).toBe(
      '/series/%E5%AF%BE%E6%95%B0%20%E5%85%A5%E9%96%80/',
    );
  });

  test('an already encoded path is not encoded twice; query and fragment are kept', () => {
    expect(menuUrl('/tags/%E8%A7%A3%E6%9E%90/', '/blog/')).toBe('/blog/tags/%E8%A7%A3%E6%9E%90/');
    expect(menuUrl('/feed.xml#top', '/blog/')).toBe('/blog/feed.xml#top');
  });

  test('absolute URLs are left alone', () => {
    expect(menuUrl('https://github.com/sugaku/解析', '/blog/')).toBe(
      'https://github.com/sugaku/解析',
    );
    expect(menuUrl('http://example.com/', '/blog/')).toBe('http://example.com/');
  });

  test('the item pointing at the page is current', () => {
    const menu = [
      { label: 'ホーム', url: '/' },
      { label: '解析', url: '/tags/解析/' },
    ];
    expect(menuView(menu, '/blog/', '/blog/tags/%E8%A7%A3%E6%9E%90/')).toEqual([
      { label: 'ホーム', url: '/blog/', current: false },
      { label: '解析', url: '/blog/tags/%E8%A7%A3%E6%9E%90/', current: true },
    ]);
  });
});
