import { loadDefaultJapaneseParser } from 'budoux';
import { describe, expect, test } from 'vitest';
import { excerptWindow } from '../../src/search/excerpt.js';

const parser = loadDefaultJapaneseParser();
const phrases = (text: string) => parser.parse(text);
const cut = (text: string, query: string, length: number) => {
  const { start, end } = excerptWindow(text, text.indexOf(query), length, phrases);
  return text.slice(start, end);
};

describe('a search result excerpt', () => {
  test('ends between phrases, not in the middle of a word', () => {
    const text =
      '複利の計算を続けると、やがて極限としてネイピア数が現れます。この数は自然対数の底として知られています。';
    // 21 characters from the start end in ネイ|ピア数.
    expect(text.slice(0, 21)).toMatch(/ネイ$/);
    const excerpt = cut(text, '極限', 21);
    expect([
      '複利の計算を続けると、やがて極限として',
      '複利の計算を続けると、やがて極限としてネイピア数が',
    ]).toContain(excerpt);
  });

  test('starts at a sentence when one begins shortly before the match', () => {
    const text =
      'まえおきの文章がここにしばらく続いています。行列の固有値を求めるには特性方程式を解きます。';
    const excerpt = cut(text, '特性方程式', 60);
    expect(excerpt.startsWith('行列の固有値')).toBe(true);
  });

  test('shows a short formula whole, never half of its TeX', () => {
    const text = `${'前置きの文章です。'.repeat(2)}ここで $e^{i\\pi} + 1 = 0$ が成り立つことを確かめます。`;
    for (let length = 20; length < 50; length++) {
      const excerpt = cut(text, '成り立つ', length);
      expect((excerpt.match(/\$/g) ?? []).length % 2).toBe(0);
    }
  });

  test('leaves out a long formula at its edge rather than cutting it', () => {
    const formula = `$${'a_1 + '.repeat(20)}a_n$`;
    const text = `最後の式に注目します。${formula} は和です。`;
    const excerpt = cut(text, '注目', 20);
    expect(excerpt).toBe('最後の式に注目します。');
  });

  test('begins at the start when the match is near it, and cuts by length without BudouX', () => {
    const text = '固有値の話です。'.repeat(20);
    expect(excerptWindow(text, 3, 40)).toEqual({ start: 0, end: 40 });
  });
});
