import { beforeAll, describe, expect, it } from 'vitest';
import { articlesOf, indexSite, searchFiles } from './support.js';

/**
 * What a reader finds: every query finds exactly the articles that contain it, on a small
 * site whose articles share characters but not words.
 */
const SITE = articlesOf(
  ['equations', '連立方程式の解き方', '二つの方程式を同時に満たす $x$ と $y$ を求める。'],
  ['trains', '新幹線で考える速さ', '新幹線は時速 300 km で走る。幹線道路とは違う。'],
  ['exp', '指数関数の微分', '指数関数 $e^x$ は微分しても変わらない。'],
  ['groups', '群論のはじめ', '群とは、結合法則を満たす演算をもつ集合である。'],
  ['gc', 'メモリの話', 'ガベージコレクションは使わなくなったメモリを回収する。'],
  // 方程 and 程式 both occur, but never 方程式; 指数 and 関数 apart.
  ['apart', '雑記', '方程を立てる日程式典の話。指数が大きい関数もある。'],
  ['latin', 'Integral と ＬＡＴＥＸ', 'Lebesgue 積分を LaTeX で書く。Ｆｏｕｒｉｅｒ 変換も。'],
  ['log', '対数の底の変換', '底の変換公式 $\\log_a b = \\frac{\\log_c b}{\\log_c a}$ を示す。'],
  ['logs', 'ログの話', 'サーバーの log を読む。$\\log x$ の話ではない。'],
);

let search: (query: string) => Promise<string[]>;
beforeAll(async () => {
  search = searchFiles((await indexSite(SITE)).files);
});

const found = async (query: string) =>
  (await search(query)).map((url) => url.replace(/^\/posts\/|\/$/g, '')).sort();

describe('Japanese terms match exactly the articles that contain them', () => {
  it.each([
    ['方程式', ['equations']],
    ['新幹線', ['trains']],
    ['指数関数', ['exp']],
    ['幹線', ['trains']],
    ['ガベージコレクション', ['gc']],
    ['コレクション', ['gc']],
  ])('「%s」 finds %j', async (query, articles) => {
    expect(await found(query)).toEqual(articles);
  });

  it('a single kanji finds every article that has it, and only those', async () => {
    expect(await found('群')).toEqual(['groups']);
    expect(await found('式')).toEqual(['apart', 'equations', 'log']);
  });

  it('a word whose characters occur only apart finds nothing', async () => {
    // 方程 and 程式 are both in 雑記, 方程式 is not; nor is 数関 (指数 … 関数).
    expect(await found('方程式')).not.toContain('apart');
    expect(await found('数関')).toEqual(['exp']);
    expect(await found('日程式典')).toEqual(['apart']);
  });

  it('a term that occurs nowhere finds nothing, even if its first characters do', async () => {
    expect(await found('数学')).toEqual([]);
    expect(await found('量子色力学')).toEqual([]);
  });
});

describe('width, case and TeX', () => {
  it('full-width and half-width letters are the same, and so are upper and lower case', async () => {
    for (const query of ['latex', 'LaTeX', 'ＬａＴｅＸ'])
      expect(await found(query)).toEqual(['latin']);
    for (const query of ['fourier', 'FOURIER', 'Ｆｏｕｒｉｅｒ']) {
      expect(await found(query)).toEqual(['latin']);
    }
  });

  it('a Latin word is found by its beginning from three letters', async () => {
    expect(await found('leb')).toEqual(['latin']);
    expect(await found('integ')).toEqual(['latin']);
    expect(await found('le')).toEqual([]);
  });

  it('\\log_a and log_a find the formula that uses it, and nothing else', async () => {
    expect(await found('\\log_a')).toEqual(['log']);
    expect(await found('log_a')).toEqual(['log']);
    expect(await found('\\frac')).toEqual(['log']);
    expect(await found('log')).toEqual(['log', 'logs']);
  });
});

describe('queries of several terms, and ranking', () => {
  it('every term must occur', async () => {
    expect(await found('方程式 満たす')).toEqual(['equations']);
    expect(await found('方程式 新幹線')).toEqual([]);
    expect(await found('微分　指数関数')).toEqual(['exp']);
  });

  it('an article with the term in its title comes before one with it only in the text', async () => {
    const site = articlesOf(
      ['body', '雑記', '対数の話。対数を何度も使う。対数、対数、対数。'],
      ['title', '対数', '今日は底の話をする。'],
      ['none', '指数', '指数の話。'],
    );
    const urls = await searchFiles((await indexSite(site)).files)('対数');
    expect(urls).toEqual(['/posts/title/', '/posts/body/']);
  });

  it('among texts, the one where the term is more frequent comes first', async () => {
    const site = articlesOf(
      ['once', '一', '関数の話。ほかに書くことはあまりない。話は続く。'],
      ['often', '二', '関数、関数、関数。関数の話。'],
    );
    expect(await searchFiles((await indexSite(site)).files)('関数')).toEqual([
      '/posts/often/',
      '/posts/once/',
    ]);
  });
});
