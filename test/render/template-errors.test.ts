import { describe, expect, test } from 'vitest';
import { createRenderer, type TemplateSources } from '../../src/render/index.js';
import { articlePage, site, siteArticle, siteConfig } from './fixtures.js';
import { realTemplates } from './render-helpers.js';

const article = siteArticle({ slug: 'a', title: '記事', date: '2025-05-20T01:00:00Z' });
article.readMore = [siteArticle({ slug: 'b', title: '別の記事', date: '2025-05-01T01:00:00Z' })];

async function renderWith(change: (templates: Record<string, string>) => void) {
  const templates: Record<string, string> = { ...(await realTemplates()) };
  change(templates);
  return createRenderer(templates, siteConfig()).renderPage(articlePage(article), site([article]));
}

/** 1-based line and column of the first occurrence of `needle`. */
function positionOf(source: string, needle: string): { line: number; column: number } {
  const before = source.slice(0, source.indexOf(needle));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

describe('template problems become diagnostics', () => {
  test('a misspelt tag is a syntax error at its line and column in the page template', async () => {
    let source = '';
    const result = await renderWith((templates) => {
      source = templates['article.liquid']!.replace(
        '{%- if article.draft %}',
        '{%- iff article.draft %}',
      );
      templates['article.liquid'] = source;
    });
    expect(result.html).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        file: 'templates/article.liquid',
        ...positionOf(source, '{%- iff'),
        severity: 'error',
        code: 'template/syntax',
        message: 'Template syntax error: tag "iff" not found',
        hint: expect.stringContaining('spelling'),
      },
    ]);
  });

  test('a block tag left open is reported where its end was expected', async () => {
    let source = '';
    const result = await renderWith((templates) => {
      source = templates['article.liquid']!.replace(
        '{%- if article.draft %}',
        '{%- if article.draft %}{% for x in y %}',
      );
      templates['article.liquid'] = source;
    });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'templates/article.liquid',
        ...positionOf(source, '{%- endif %}'),
        code: 'template/syntax',
        message: 'Template syntax error: tag "endif" not found',
        hint: expect.stringContaining('is not closed'),
      }),
    ]);
  });

  test('an undefined variable is a render error at its line and column', async () => {
    let source = '';
    const result = await renderWith((templates) => {
      source = templates['article.liquid']!.replace(
        '{{ article.titleHtml | raw }}</h1>',
        '{{ article.titel }}</h1>',
      );
      templates['article.liquid'] = source;
    });
    expect(result.html).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'templates/article.liquid',
        ...positionOf(source, 'article.titel'),
        code: 'template/render',
        message: 'Template error: undefined variable: article.titel',
        hint: expect.stringContaining('{% if'),
      }),
    ]);
  });

  test('an undefined variable in the card partial names the partial', async () => {
    let source = '';
    const result = await renderWith((templates) => {
      source = templates['partials/post-card.liquid']!.replace(
        '{{ card.titleHtml | raw }}',
        '{{ card.subtitle }}',
      );
      templates['partials/post-card.liquid'] = source;
    });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'templates/partials/post-card.liquid',
        line: positionOf(source, 'card.subtitle').line,
        code: 'template/render',
      }),
    ]);
  });

  test('a syntax error in the layout is reported against the layout', async () => {
    let source = '';
    const result = await renderWith((templates) => {
      source = templates['layouts/base.liquid']!.replace(
        '<title>{{ page.title }}',
        '<title>{% page.title }}',
      );
      templates['layouts/base.liquid'] = source;
    });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'templates/layouts/base.liquid',
        ...positionOf(source, '{% page.title'),
        code: 'template/syntax',
      }),
    ]);
  });

  test('an unknown filter is caught when the templates are parsed', async () => {
    const result = await renderWith((templates) => {
      templates['article.liquid'] = templates['article.liquid']!.replace(
        '{{ article.titleHtml | raw }}',
        '{{ article.titleHtml | shout }}',
      );
    });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'templates/article.liquid',
        code: 'template/syntax',
        message: expect.stringContaining('undefined filter: shout'),
      }),
    ]);
  });

  test('a missing page template is named', () => {
    const templates: TemplateSources = {};
    const result = createRenderer(templates, siteConfig()).renderPage(
      articlePage(article),
      site([article]),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'templates/article.liquid', code: 'template/missing' }),
    ]);
  });

  test('diagnostics use the folder the templates came from', async () => {
    const templates = { ...(await realTemplates()), '404.liquid': '{{ nothing }}' };
    const result = createRenderer(templates, siteConfig(), {
      sourceDir: 'theme/templates',
    }).renderPage({ kind: 'not-found', path: '404.html', url: '/404.html' }, site([]));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'theme/templates/404.liquid',
        line: 1,
        column: 4,
        code: 'template/render',
      }),
    ]);
  });
});
