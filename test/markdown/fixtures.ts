import type { Article } from '../../src/model/index.js';

/** An article as the content stage would hand it over; the body starts after a 4-line front matter. */
export function article(body: string, overrides: Partial<Article> = {}): Article {
  const frontMatter = '---\ntitle: テスト\ndate: 2025-05-20\n---\n';
  return {
    sourcePath: 'content/posts/test.md',
    sourceText: frontMatter + body,
    slug: 'test',
    title: 'テスト',
    date: new Date('2025-05-20T00:00:00+09:00'),
    tags: [],
    authors: [],
    draft: false,
    macros: {},
    body,
    bodyLine: 5,
    ...overrides,
  };
}
