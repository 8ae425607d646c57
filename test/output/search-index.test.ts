import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  searchBody,
  searchIndexFiles,
  writeSearchIndex,
  type SearchDocument,
} from '../../src/output/index.js';
import { indexPage } from '../../src/output/search-index.js';

const documents: SearchDocument[] = [
  {
    url: '/blog/posts/%E5%AF%BE%E6%95%B0/',
    title: '対数の底の変換公式',
    date: '2025年5月20日',
    tags: ['対数'],
    body: searchBody('<h2 id="定義">定義</h2>\n<p>連立方程式と &lt;対数&gt; の話。</p>'),
  },
  {
    url: '/blog/posts/exp/',
    title: '指数関数',
    date: '2025年6月1日',
    tags: [],
    body: searchBody('<p>指数関数を微分する。</p>'),
  },
];

describe('the search index', () => {
  test('is Pagefind’s bundle under pagefind/, made in memory', async () => {
    const files = await searchIndexFiles(documents);
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining(['pagefind/pagefind.js', 'pagefind/pagefind-entry.json']),
    );
    expect(paths.some((p) => /^pagefind\/fragment\/.+\.pf_fragment$/.test(p))).toBe(true);
    expect(paths.some((p) => /^pagefind\/index\/.+\.pf_index$/.test(p))).toBe(true);
    expect(paths.every((p) => p.startsWith('pagefind/'))).toBe(true);
    // Only what the search page loads: not Pagefind's own search interfaces.
    expect(paths.filter((p) => /-ui\.|highlight/.test(p))).toEqual([]);
    const entry = JSON.parse(
      Buffer.from(
        files.find((f) => f.path === 'pagefind/pagefind-entry.json')!.content as Uint8Array,
      ).toString(),
    ) as { languages: Record<string, { page_count: number }> };
    // One index in a language Pagefind does not segment: the words were cut by us.
    expect(Object.keys(entry.languages)).toEqual(['zxx']);
    expect(entry.languages.zxx!.page_count).toBe(2);
  });

  test('is the same bytes for the same articles', async () => {
    const first = await searchIndexFiles(documents);
    const second = await searchIndexFiles(documents);
    expect(second.map((f) => f.path)).toEqual(first.map((f) => f.path));
    for (const [i, file] of first.entries()) {
      expect(Buffer.from(second[i]!.content).equals(Buffer.from(file.content)), file.path).toBe(
        true,
      );
    }
  });

  test('written to disk by Pagefind, is the same files as made in memory', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'sugaku-search-'));
    try {
      const written = await writeSearchIndex(documents, scratch);
      const inMemory = await searchIndexFiles(documents);
      expect(written.map((f) => f.path)).toEqual(inMemory.map((f) => f.path));
      for (const [i, file] of written.entries()) {
        expect(file.copyFrom).toBe(path.join(scratch, ...file.path.split('/')));
        const bytes = await readFile(file.copyFrom);
        expect(bytes.equals(Buffer.from(inMemory[i]!.content)), file.path).toBe(true);
      }
      // Pagefind's own search interfaces are not left behind in the scratch folder either.
      const left = await readdir(path.join(scratch, 'pagefind'));
      expect(left.filter((name) => /-ui\.|highlight/.test(name))).toEqual([]);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  test('two indexes built at once do not stop each other', async () => {
    const [a, b] = await Promise.all([
      searchIndexFiles(documents),
      searchIndexFiles(documents.slice(1)),
    ]);
    expect(a.length).toBeGreaterThan(3);
    expect(b.length).toBeGreaterThan(3);
  });

  test('each page gives Pagefind cut words to index and readable metadata to show', () => {
    const html = indexPage(documents[0]!);
    expect(html).toContain('data-pagefind-body');
    expect(html).toContain(
      'data-pagefind-meta="title[data-title], date[data-date], text[data-text]"',
    );
    expect(html).toContain('data-title="対数の底の変換公式"');
    expect(html).toContain('data-date="2025年5月20日"');
    expect(html).toContain('data-text="定義 連立方程式と &lt;対数&gt; の話。"');
    expect(html).toMatch(/<h1>[^<]* 対数 [^<]*<\/h1>/);
    expect(html).toContain(' 方程式 ');
  });
});
