import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/math/edits.js';
import { japaneseTextEdits } from '../../src/math/japanese.js';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';
import { repo } from '../support/cli.js';
import { readFixtureFile } from '../support/fixture-file.js';
import { article } from './fixtures.js';

/**
 * Every input → output case of test/fixtures/markdown/*.txt and test/fixtures/math/*.txt,
 * in markdown-it's fixture format. What a file's output shows of the rendering is its view,
 * named here by the file: a file without one fails rather than being skipped.
 */

function render(body: string) {
  return createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article(body));
}

const VIEWS: Record<string, (input: string) => string> = {
  /** The paragraph's HTML with KaTeX's markup replaced by the formula's TeX, to read joins. */
  'markdown/cjk-breaks.txt': (input) =>
    render(input)
      .html.replace(
        /<span class="katex">[\s\S]*?<annotation[^>]*>([\s\S]*?)<\/annotation>[\s\S]*?<\/span><\/span><\/span>/g,
        '[$1]',
      )
      .trim(),
  /** Every link as `href text`, one a line, KaTeX's hidden MathML left out. */
  'markdown/linkify.txt': (input) => {
    const page = parse(render(input).html);
    for (const hidden of page.querySelectorAll('.katex-mathml')) hidden.remove();
    return page
      .querySelectorAll('a')
      .map((a) => `${a.getAttribute('href')} ${a.textContent}`)
      .join('\n');
  },
  /** The TeX KaTeX is given after the Japanese-as-text rewrite. */
  'math/japanese-text.txt': (input) => {
    const tex = input.slice(0, -1);
    return applyEdits(tex, japaneseTextEdits(tex)).text;
  },
};

const FIXTURES = path.join(repo, 'test/fixtures');
const files = ['markdown', 'math'].flatMap((stage) =>
  readdirSync(path.join(FIXTURES, stage))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => `${stage}/${name}`),
);

describe.each(files)('%s', (file) => {
  const view = VIEWS[file];
  const cases = readFixtureFile(path.join(FIXTURES, file));

  it('has a view and cases', () => {
    expect(view, `add a view for ${file} to VIEWS`).toBeDefined();
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const { title, line, input, output } of cases) {
    it(`${title} (line ${line})`, () => {
      expect(view!(input)).toBe(output);
    });
  }
});
