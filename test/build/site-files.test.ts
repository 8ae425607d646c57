import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { searchFiles } from '../../src/build/site-files.js';
import { defaultConfig } from '../../src/config/index.js';
import { loadArticles, type Article } from '../../src/content/index.js';
import { searchBody, type OutputFile, type SearchBody } from '../../src/output/index.js';

const config = defaultConfig();
const topics = ['対数', '指数関数', '微分', '積分', '極限', '級数', '行列', '確率'];
const { articles } = loadArticles(
  topics.map((topic, index) => ({
    path: `content/posts/p${index}.md`,
    text: `---\ntitle: ${topic}の基本\ndate: 2025-05-${String(index + 10)}\ntags: [${topic}]\n---\n${topic}について。\n`,
  })),
  config,
  { drafts: false },
);
const bodyOf = (article: Article): SearchBody =>
  searchBody(`<h2>${article.title}</h2><p>${article.title}を学ぶ。$x^2$ と $\\log_a x$。</p>`);

function bytesOf(files: OutputFile[]): Map<string, string> {
  return new Map(
    files.map((file) => [
      file.path,
      Buffer.from('content' in file ? file.content : '').toString('base64'),
    ]),
  );
}

describe('the search index of a build', () => {
  it('reads bodies ahead, and gives the same index when they come in any order', async () => {
    expect(articles).toHaveLength(topics.length);
    const inOrder = await searchFiles(articles, config, async (article) => bodyOf(article));

    let reading = 0;
    let mostAtOnce = 0;
    // The site's first article (the newest) waits longest: the bodies after it come first.
    const late = await searchFiles(articles, config, async (article) => {
      reading++;
      mostAtOnce = Math.max(mostAtOnce, reading);
      await sleep(5 * (articles.indexOf(article) + 1));
      reading--;
      return bodyOf(article);
    });
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(inOrder.length).toBeGreaterThan(3);
    expect(bytesOf(late)).toEqual(bytesOf(inOrder));
  });
});
