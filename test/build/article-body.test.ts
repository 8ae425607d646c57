import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/index.js';
import { loadTemplates, printsArticleBodyRaw } from '../../src/render/index.js';
import { exampleSite } from '../support/example-site.js';
import { listFiles } from '../support/file-tree.js';
import { outputText } from '../support/site-files.js';
import type { OutputFile } from '../../src/model/index.js';

const repo = path.resolve(import.meta.dirname, '../..');
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-body-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function pagesOnDisk(out: string): Promise<Map<string, string>> {
  const html = (await listFiles(out)).filter((file) => file.endsWith('.html'));
  return new Map(
    await Promise.all(
      html.map(async (file) => [file, await readFile(path.join(out, file), 'utf8')] as const),
    ),
  );
}

async function pages(files: OutputFile[]): Promise<Map<string, string>> {
  const html = files.filter((file) => file.path.endsWith('.html'));
  return new Map(
    await Promise.all(html.map(async (file) => [file.path, await outputText(file)] as const)),
  );
}

describe('article bodies put into their pages as bytes', () => {
  it('applies only to templates that print the body untouched', () => {
    expect(printsArticleBodyRaw({ 'article.liquid': '<div>{{ article.html | raw }}</div>' })).toBe(
      true,
    );
    expect(printsArticleBodyRaw({ 'article.liquid': '{{- article.html|raw -}}' })).toBe(true);
    expect(
      printsArticleBodyRaw({
        'article.liquid':
          '{{ article.html | raw }}<p>{{ article.html | strip_html | truncate: 20 }}</p>',
      }),
    ).toBe(false);
  });

  it('gives the pages a template engine gives, for the example site with its cross-part equation links', async () => {
    // The shared example site was built with the repository's templates: bodies spliced as bytes.
    const spliced = exampleSite();
    // The same templates, but one that names the body once more (in a comment, so the page
    // is unchanged): the engine prints every body itself.
    const templates = path.join(root, 'templates');
    await cp(path.join(repo, 'templates'), templates, { recursive: true });
    const article = path.join(templates, 'article.liquid');
    await writeFile(
      article,
      `${await readFile(article, 'utf8')}{% comment %}{{ article.html | size }}{% endcomment %}`,
    );
    const printed = await build({
      cwd: repo,
      contentDir: spliced.content,
      outDir: path.join(root, 'dist'),
      templatesDir: templates,
      publicDir: 'public',
      cacheDir: path.join(root, 'cache'),
      drafts: false,
      strict: false,
      write: false,
      jobs: 1,
    });
    expect(spliced.root.exitCode).toBe(0);
    expect(printed.exitCode).toBe(0);
    // The build splices bodies when this says so: as bytes in the first build, through Liquid in the second.
    expect(printsArticleBodyRaw(await loadTemplates(path.join(repo, 'templates')))).toBe(true);
    expect(printsArticleBodyRaw(await loadTemplates(templates))).toBe(false);
    const want = await pages(printed.files);
    const got = await pagesOnDisk(spliced.root.out);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [file, html] of want) expect(got.get(file), file).toBe(html);
    // Bodies with KaTeX, Japanese and a link to the other part of a series made it in whole.
    expect(got.get('posts/compound-interest-2/index.html')).toContain(
      'href="/posts/compound-interest-1/#eq-1.3"',
    );
    expect(got.get('posts/compound-interest-1/index.html')).toContain('class="katex-display"');
  });
});
