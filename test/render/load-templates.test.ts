import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { loadTemplates, templatesUsedBy } from '../../src/render/index.js';
import { TEMPLATES_DIR } from './fixtures.js';

test('the repository ships a template for every page kind, one layout and partials for cards, page navigation and the reading script', async () => {
  expect(Object.keys(await loadTemplates(TEMPLATES_DIR))).toEqual([
    '404.liquid',
    'article.liquid',
    'author.liquid',
    'index.liquid',
    'layouts/base.liquid',
    'partials/pagination.liquid',
    'partials/post-card.liquid',
    'partials/reading-script.liquid',
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

describe('templatesUsedBy', () => {
  const templates = {
    'article.liquid':
      "{% layout 'layouts/base.liquid' %}{% render 'partials/card.liquid', card: c %}",
    'index.liquid': '{% layout "layouts/base.liquid" %}{% include \'partials/pagination\' %}',
    'layouts/base.liquid': '<main>{% block content %}{% endblock %}</main>',
    'partials/card.liquid': '{{ card.title }}',
    'partials/pagination.liquid': '{{ pagination.current }}',
    'dynamic.liquid': '{% render partial_name %}',
    'inline.liquid': "{% liquid\n  render 'partials/card.liquid'\n%}",
  };

  it('follows layouts, renders and includes, with or without the extension', () => {
    expect(templatesUsedBy(templates, 'article.liquid')).toEqual([
      'article.liquid',
      'layouts/base.liquid',
      'partials/card.liquid',
    ]);
    expect(templatesUsedBy(templates, 'index.liquid')).toEqual([
      'index.liquid',
      'layouts/base.liquid',
      'partials/pagination.liquid',
    ]);
  });

  it('cannot tell for a template named by a variable or tags inside {% liquid %}', () => {
    expect(templatesUsedBy(templates, 'dynamic.liquid')).toBeUndefined();
    expect(templatesUsedBy(templates, 'inline.liquid')).toBeUndefined();
  });
});
