import { describe, expect, it } from 'vitest';
import type { ArticlePage } from '../../src/pipeline/index.js';
import { isEditorLeftover } from '../../src/dev/editor-files.js';
import { movedArticles } from '../../src/dev/moved-pages.js';
import { SaveGrace, type PathState } from '../../src/dev/save-grace.js';

describe("editors' and sync tools' files", () => {
  it.each([
    'kansu.md.abc123.tmp',
    '.kansu.md.Ab12Cd',
    '4913',
    'kansu.md~',
    '.#kansu.md',
    '#kansu.md#',
    '.kansu.md.swp',
    '.kansu.md.swx',
    'kansu.md___jb_tmp___',
    '.goutputstream-X1Y2Z3',
  ])('ignores %s', (name) => {
    expect(isEditorLeftover(name)).toBe(true);
  });

  it.each([
    'kansu.md',
    '対数の性質.md',
    'article.liquid',
    '.well-known',
    'CNAME',
    'a.b.c.md',
    'logo.svg',
  ])('keeps %s', (name) => {
    expect(isEditorLeftover(name)).toBe(false);
  });
});

describe('the save grace', () => {
  const states = (map: Record<string, PathState>) => (file: string) => map[file] ?? 'present';

  it('holds a deletion, and lets the batch go as a change once the file is back', () => {
    const grace = new SaveGrace(300);
    expect(grace.decide(['a.md'], states({ 'a.md': 'missing' }), 1000)).toEqual({
      ready: false,
      wakeAt: 1300,
    });
    expect(grace.decide(['a.md'], states({}), 1100)).toEqual({ ready: true });
  });

  it('believes a deletion, or an empty file, that lasts the whole grace', () => {
    const grace = new SaveGrace(300);
    grace.decide(['a.md', 'b.md'], states({ 'a.md': 'missing', 'b.md': 'empty' }), 1000);
    expect(
      grace.decide(['a.md', 'b.md'], states({ 'a.md': 'missing', 'b.md': 'empty' }), 1299),
    ).toEqual({ ready: false, wakeAt: 1300 });
    expect(
      grace.decide(['a.md', 'b.md'], states({ 'a.md': 'missing', 'b.md': 'empty' }), 1300),
    ).toEqual({ ready: true });
  });

  it('counts the grace from when the file was first seen gone, not from the last event', () => {
    const grace = new SaveGrace(300);
    grace.decide(['a.md'], states({ 'a.md': 'missing' }), 1000);
    expect(grace.decide(['a.md', 'b.md'], states({ 'a.md': 'missing' }), 1200)).toEqual({
      ready: false,
      wakeAt: 1300,
    });
  });
});

const page = (slug: string, title: string, sourceText: string): ArticlePage => ({
  path: `posts/${slug}/index.html`,
  url: `/posts/${slug}/`,
  title,
  source: `content/posts/${slug}.md`,
  sourceText,
});

describe('following a renamed article', () => {
  it('takes a page that went away for the new one made from the same text', () => {
    const before = [page('kansu', '関数の極限', 'A'), page('sekibun', '積分', 'B')];
    const after = [page('kyokugen', '関数の極限（改）', 'A'), page('sekibun', '積分', 'B')];
    const moves = movedArticles(before, after);
    expect([...moves].map(([from, to]) => [from, to.url])).toEqual([
      ['posts/kansu/index.html', '/posts/kyokugen/'],
    ]);
  });

  it('else takes the new page with the same title, unless two have it', () => {
    const before = [page('kansu', '関数の極限', 'A')];
    expect(movedArticles(before, [page('limit', '関数の極限', 'A, edited')]).size).toBe(1);
    const twins = [page('limit', '関数の極限', 'x'), page('limit-2', '関数の極限', 'y')];
    expect(movedArticles(before, twins).size).toBe(0);
  });

  it('takes a copy made a build before the original was deleted', () => {
    const copy = page('kyokugen', '関数の極限', 'A');
    const before = [page('kansu', '関数の極限', 'A'), copy];
    const moves = movedArticles(before, [copy], new Map([[copy.path, 0]]));
    expect(moves.get('posts/kansu/index.html')?.url).toBe('/posts/kyokugen/');
  });

  it('moves nothing when an article is only deleted', () => {
    expect(movedArticles([page('kansu', '関数の極限', 'A')], []).size).toBe(0);
  });
});
