import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/index.js';
import { rendered, siteConfig, slugs } from './fixtures.js';

const config = siteConfig({
  authors: {
    tanaka: { name: '田中太郎', bio: '解析が好き' },
    suzuki: { name: '鈴木一郎' },
  },
});

describe('authors', () => {
  const site = buildSite(
    [
      rendered({ slug: '対数', date: '2025-03-01', authors: ['tanaka'] }),
      rendered({ slug: '微分', date: '2025-02-01', authors: ['tanaka', '山田　花子'] }),
      rendered({ slug: '極限', date: '2025-01-01', authors: ['Alan  Turing'] }),
    ],
    config,
  );

  it('takes name and bio from the config for a configured id', () => {
    expect(site.articles[0]!.authors).toEqual([
      { id: 'tanaka', name: '田中太郎', bio: '解析が好き', url: '/authors/tanaka/' },
    ]);
  });

  it('keeps a display name as written and gives it a slug id with Japanese kept', () => {
    const [, hanako] = site.articles[1]!.authors;
    expect(hanako).toEqual({
      id: '山田-花子',
      name: '山田　花子',
      url: `/authors/${encodeURIComponent('山田-花子')}/`,
    });
    expect(site.articles[2]!.authors[0]!.id).toBe('Alan-Turing');
  });

  it('gives every author with an article a page listing their articles newest first', () => {
    const pages = site.pages.flatMap((page) =>
      page.kind === 'author' ? [[page.path, page.author.name, slugs(page.articles)]] : [],
    );
    expect(pages).toEqual([
      ['authors/Alan-Turing/index.html', 'Alan  Turing', ['極限']],
      ['authors/山田-花子/index.html', '山田　花子', ['微分']],
      ['authors/tanaka/index.html', '田中太郎', ['対数', '微分']],
    ]);
  });

  it('lists only authors who wrote something, sorted by name', () => {
    expect(site.authors.map((author) => author.name)).toEqual([
      'Alan  Turing',
      '山田　花子',
      '田中太郎',
    ]);
  });

  it('counts an author named twice in one article once', () => {
    const twice = buildSite(
      [rendered({ slug: 'a', date: '2025-01-01', authors: ['tanaka', 'tanaka'] })],
      config,
    );
    expect(twice.articles[0]!.authors).toHaveLength(1);
  });

  it('keeps a display name off the URL of a configured author', () => {
    const clash = buildSite(
      [rendered({ slug: 'a', date: '2025-01-01', authors: ['Tanaka', 'tanaka'] })],
      config,
    );
    expect(clash.articles[0]!.authors.map((author) => author.url)).toEqual([
      '/authors/Tanaka-2/',
      '/authors/tanaka/',
    ]);
  });

  it('makes a display name with a slash or dots a safe page path', () => {
    const unsafe = buildSite(
      [rendered({ slug: 'a', date: '2025-01-01', authors: ['../a/b', '..'] })],
      config,
    );
    expect(unsafe.authors.map((author) => author.id).sort()).toEqual(['..ab', 'author']);
    const paths = unsafe.pages.filter((page) => page.kind === 'author').map((page) => page.path);
    for (const path of paths) expect(path.split('/')).not.toContain('..');
  });
});
