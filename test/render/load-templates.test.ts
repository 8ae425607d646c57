import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadTemplates } from '../../src/render/index.js';
import { TEMPLATES_DIR } from './fixtures.js';

test('the repository ships a template for every page kind, one layout and partials for cards and page navigation', async () => {
  expect(Object.keys(await loadTemplates(TEMPLATES_DIR))).toEqual([
    '404.liquid',
    'article.liquid',
    'author.liquid',
    'index.liquid',
    'layouts/base.liquid',
    'partials/pagination.liquid',
    'partials/post-card.liquid',
    'search.liquid',
    'series.liquid',
    'tag.liquid',
  ]);
});

test('templates are named by their path under the folder; other files and a BOM are left out', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sugaku-templates-'));
  try {
    await mkdir(join(dir, 'partials'));
    await writeFile(join(dir, 'index.liquid'), '\uFEFF<p>{{ site.title }}</p>');
    await writeFile(join(dir, 'partials', 'card.liquid'), 'card');
    await writeFile(join(dir, 'notes.txt'), 'not a template');
    expect(await loadTemplates(`${dir}/`)).toEqual({
      'index.liquid': '<p>{{ site.title }}</p>',
      'partials/card.liquid': 'card',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
