import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { parseArticle } from '../../src/content/index.js';
import {
  newArticleText,
  newSlugProblem,
  parseTagList,
  slugFromTitle,
  wallTime,
} from '../../src/dev/index.js';

describe('slugFromTitle', () => {
  it('keeps a Japanese title as it is', () => {
    expect(slugFromTitle('対数の性質')).toBe('対数の性質');
    expect(slugFromTitle('ベイズの定理')).toBe('ベイズの定理');
  });

  it('turns spaces and symbols into single hyphens', () => {
    expect(slugFromTitle('Euler の公式')).toBe('Euler-の公式');
    expect(slugFromTitle('  二項定理：証明と応用（前編）  ')).toBe('二項定理-証明と応用-前編');
    expect(slugFromTitle('a/b\\c?d#e%f')).toBe('a-b-c-d-e-f');
    expect(slugFromTitle('1.5 次元')).toBe('1-5-次元');
    expect(slugFromTitle('../../etc/passwd')).toBe('etc-passwd');
    expect(slugFromTitle('.hidden')).toBe('hidden');
  });

  it('is empty when nothing usable is left', () => {
    expect(slugFromTitle('？！…')).toBe('');
  });

  it('keeps file names short enough for any file system', () => {
    expect([...slugFromTitle('長'.repeat(200))]).toHaveLength(64);
    // Letters of four bytes (CJK Extension B): 64 of them and `.md` would be 259 bytes.
    const slug = slugFromTitle('𠮷'.repeat(100));
    expect(Buffer.byteLength(`${slug}.md`, 'utf8')).toBeLessThanOrEqual(255);
    expect(slug).toMatch(/^𠮷+$/u);
  });

  it('never makes a file name Windows reserves for a device', () => {
    expect(slugFromTitle('CON')).toBe('CON_');
    expect(slugFromTitle('nul')).toBe('nul_');
    expect(slugFromTitle('LPT1')).toBe('LPT1_');
    expect(slugFromTitle('Console')).toBe('Console');
  });
});

describe('newSlugProblem', () => {
  it('accepts safe slugs and suggests one for the rest', () => {
    expect(newSlugProblem('log-derivative')).toBeUndefined();
    expect(newSlugProblem('対数_2')).toBeUndefined();
    expect(newSlugProblem('a b')).toContain('"a-b"');
    expect(newSlugProblem('../x')).toContain('"x"');
    expect(newSlugProblem('')).toBe('is empty');
    expect(newSlugProblem('aux')).toBe('is a device name on Windows (try "aux_")');
  });
});

describe('parseTagList', () => {
  it('splits on ASCII and Japanese commas, trims, drops empties and repeats', () => {
    expect(parseTagList('対数, 代数、対数,,解析')).toEqual(['対数', '代数', '解析']);
  });
});

describe('wallTime', () => {
  it('is the date and time in the site time zone', () => {
    const instant = new Date('2025-05-19T16:30:00Z');
    expect(wallTime(instant, 'Asia/Tokyo')).toBe('2025-05-20 01:30');
    expect(wallTime(instant, 'UTC')).toBe('2025-05-19 16:30');
    expect(wallTime(new Date('2025-01-01T00:05:00+09:00'), 'Asia/Tokyo')).toBe('2025-01-01 00:05');
  });
});

describe('newArticleText', () => {
  it('writes front matter that the content stage reads back as a draft', () => {
    const text = newArticleText({
      title: '対数の性質',
      date: '2025-05-20 10:00',
      tags: ['対数', '代数'],
      author: 'sato',
      series: '指数関数と対数',
    });
    expect(text).toBe(
      '---\ntitle: 対数の性質\ndate: 2025-05-20 10:00\ntags: [対数, 代数]\nauthor: sato\n' +
        'series: 指数関数と対数\ndraft: true\n---\n\n',
    );
    const config = { ...defaultConfig(), authors: { sato: { name: '佐藤 葵' } } };
    const { article, diagnostics } = parseArticle(
      { path: 'content/posts/対数の性質.md', text },
      config,
    );
    expect(diagnostics).toEqual([]);
    expect(article).toMatchObject({
      slug: '対数の性質',
      title: '対数の性質',
      tags: ['対数', '代数'],
      authors: ['sato'],
      series: '指数関数と対数',
      draft: true,
      date: new Date('2025-05-20T01:00:00Z'),
    });
  });

  it('quotes titles that YAML would otherwise misread', () => {
    for (const title of ['集合: 基本', 'true', '2025', '#1 の話', '[草稿] 行列', '"引用"']) {
      const text = newArticleText({ title, date: '2025-05-20 10:00', tags: ['a, b'] });
      const { article, diagnostics } = parseArticle(
        { path: 'content/posts/x.md', text },
        defaultConfig(),
      );
      expect(diagnostics).toEqual([]);
      expect(article?.title).toBe(title);
      expect(article?.tags).toEqual(['a, b']);
    }
  });

  it('leaves out the keys it has no value for', () => {
    expect(newArticleText({ title: '題', date: '2025-05-20 10:00', tags: [] })).toBe(
      '---\ntitle: 題\ndate: 2025-05-20 10:00\ndraft: true\n---\n\n',
    );
  });
});
