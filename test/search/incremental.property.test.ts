import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexSite, searchFiles, type IndexFiles, type TestArticle } from './support.js';
import type { SearchIndexState } from '../../src/search/index.js';

/**
 * However a site changed between builds (articles edited, added, deleted, moved in the
 * site's order), the index a build made from the previous one's answers every query with
 * the same ranked results as an index made from nothing.
 */
const WORDS = [
  '方程式',
  '関数',
  '指数関数',
  '新幹線',
  '群',
  '微分',
  '積分',
  '行列',
  'ガベージ',
  'コレクション',
  '幹線',
  '程式',
  '方程',
  'の',
  'を',
  'は',
  'log',
  'Log',
  'ＬＯＧ',
  '$\\log_a x$',
  '$x^2$',
  'integral',
  'Integer',
  '数学',
  '式',
  '集合',
];
const word = fc.constantFrom(...WORDS);
const text = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(''));
const title = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(''));
const article = fc.record({ title, text });

type Edit =
  | { kind: 'edit'; at: number; title: string; text: string }
  | { kind: 'add'; at: number; title: string; text: string }
  | { kind: 'delete'; at: number }
  | { kind: 'move'; at: number; to: number }
  | { kind: 'redate'; at: number; day: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), title, text }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), title, text }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({
    kind: fc.constant('redate' as const),
    at: fc.nat(),
    day: fc.integer({ min: 1, max: 28 }),
  }),
);

const QUERIES = [...WORDS, '方程式 関数', 'log_a', '\\log_a', 'int', 'x', '数関', '式群'];

function apply(site: TestArticle[], change: Edit, next: () => string): TestArticle[] {
  const copy = [...site];
  const at = copy.length === 0 ? 0 : change.at % copy.length;
  switch (change.kind) {
    case 'edit':
      if (copy.length > 0) copy[at] = { ...copy[at]!, title: change.title, text: change.text };
      break;
    case 'add':
      copy.splice(at, 0, { source: next(), title: change.title, text: change.text });
      break;
    case 'delete':
      copy.splice(at, 1);
      break;
    case 'redate':
      if (copy.length > 0) copy[at] = { ...copy[at]!, date: `2025年5月${change.day}日` };
      break;
    case 'move': {
      const [moved] = copy.splice(at, 1);
      if (moved) copy.splice(change.to % (copy.length + 1), 0, moved);
      break;
    }
  }
  return copy;
}

describe('the index updated build by build', () => {
  it('answers every query as an index made from nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(article, { minLength: 0, maxLength: 6 }),
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        // Small limits fold the delta layer into the shards now and then.
        fc.integer({ min: 150, max: 2000 }),
        async (initial, builds, deltaLimit) => {
          let count = 0;
          const next = () => `a${count++}`;
          let site: TestArticle[] = initial.map((a) => ({ source: next(), ...a }));
          let built: { state: SearchIndexState; files: IndexFiles } = await indexSite(site);
          for (const changes of builds) {
            for (const change of changes) site = apply(site, change, next);
            built = await indexSite(site, built, deltaLimit);
            const clean = await indexSite(site);
            const [updated, fresh] = [searchFiles(built.files), searchFiles(clean.files)];
            // The search page asks for the best few only: they must be the same.
            const best = searchFiles(built.files, 2);
            for (const query of QUERIES) {
              const all = await fresh(query);
              expect(await updated(query), query).toEqual(all);
              expect((await best(query)).slice(0, 2), query).toEqual(all.slice(0, 2));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an edit of one article on a larger site writes its fragment, the delta and the meta only', async () => {
    const site: TestArticle[] = Array.from({ length: 200 }, (_, i) => ({
      source: `a${i}`,
      title: `第${i}回`,
      text: `${WORDS[i % WORDS.length]}と${WORDS[(i * 7) % WORDS.length]}の話 ${i}。`,
    }));
    const first = await indexSite(site);
    expect(first.full).toBe(true);
    site[42] = { ...site[42]!, text: '新しい本文で方程式を解く。' };
    const second = await indexSite(site, first);
    expect(second.full).toBe(false);
    expect(second.made).toBe(3);
    expect(await searchFiles(second.files)('新しい本文')).toEqual(['/posts/a42/']);
  });

  it('when every article changed, reads each entry about once and answers as an index made from nothing', async () => {
    const site: TestArticle[] = Array.from({ length: 1000 }, (_, i) => ({
      source: `a${i}`,
      title: `第${i}回`,
      text: `${WORDS[i % WORDS.length]}と${WORDS[(i * 7) % WORDS.length]}の話 ${i}。`,
    }));
    const first = await indexSite(site, undefined, 2048);
    // What a new version of sugaku does: every article rendered again, every key new.
    const rerendered = site.map((article) => ({ ...article, text: `${article.text} 改訂版` }));
    const second = await indexSite(rerendered, first, 2048);
    const clean = await indexSite(rerendered, undefined, 2048);
    expect(second.full).toBe(true);
    // The delta layer gives up after a few dozen entries, not after reading all of them.
    expect(second.read).toBeLessThan(1000 * 1.2);
    for (const query of ['改訂版 第42回', WORDS[3]!, '第999回']) {
      expect(await searchFiles(second.files)(query), query).toEqual(
        await searchFiles(clean.files)(query),
      );
    }
  });
});
