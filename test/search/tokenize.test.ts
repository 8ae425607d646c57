import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { countTokens, queryTerms, searchClientFiles } from '../../src/search/index.js';

describe('the tokenizer the build and the browser share', () => {
  test('Japanese runs become their characters and bigrams; punctuation separates runs', () => {
    expect([...countTokens('方程式、群').counts.keys()].sort()).toEqual(
      ['方', '方程', '程', '程式', '式', '群'].sort(),
    );
  });

  test('Latin words and TeX commands are words, found by their beginnings from three letters', () => {
    const { counts, length } = countTokens('$\\log_a x$ と Integral');
    expect([...counts.keys()].sort()).toEqual(
      [
        'log',
        'log_',
        'log_a',
        'x',
        'と',
        'int',
        'inte',
        'integ',
        'integr',
        'integra',
        'integral',
      ].sort(),
    );
    // Beginnings do not count as words of the text.
    expect(length).toBe(4);
  });

  test('a query is normalized the same way: width, case, ideographic space', () => {
    expect(queryTerms('ＬａＴｅＸ\u3000\\log_a 方程式')).toEqual([
      { text: 'latex', tokens: ['latex'], verify: [] },
      { text: '\\log_a', tokens: ['log_a'], verify: [] },
      { text: '方程式', tokens: ['方程', '程式'], verify: ['方程式'] },
    ]);
    expect(queryTerms('群')).toEqual([{ text: '群', tokens: ['群'], verify: [] }]);
    expect(queryTerms('、。 ')).toEqual([]);
  });
});

describe('the modules the browser loads', () => {
  test('are the compiled modules the build runs, the tokenizer among them, without source maps', async () => {
    const files = await searchClientFiles();
    expect(files.map((file) => file.path).sort()).toEqual([
      'assets/search/budoux-ja.js',
      'assets/search/budoux-parser.js',
      'assets/search/excerpt.js',
      'assets/search/format.js',
      'assets/search/query.js',
      'assets/search/search.js',
      'assets/search/tokenize.js',
    ]);
    const tokenizer = files.find((file) => file.path.endsWith('/tokenize.js'))!.content;
    const compiled = await readFile(
      new URL('../../lib/search/tokenize.js', import.meta.url),
      'utf8',
    );
    expect(compiled).toContain(tokenizer.trimEnd());
    expect(tokenizer).toContain('export function queryTerms');
    for (const { content } of files) expect(content).not.toContain('sourceMappingURL');
    // The page's script imports its neighbours by relative paths that exist in the site.
    const script = files.find((file) => file.path.endsWith('/search.js'))!.content;
    expect(script).toMatch(/from '\.\/query\.js'/);
    expect(script).toMatch(/from '\.\/tokenize\.js'/);
    expect(script).toMatch(/from '\.\/excerpt\.js'/);
    // BudouX, for cutting excerpts between phrases: loaded by names the site has.
    expect(script).toContain("'./budoux-parser.js'");
    expect(files.find((file) => file.path.endsWith('/budoux-parser.js'))!.content).toContain(
      'export class Parser',
    );
  });
});
