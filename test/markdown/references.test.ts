import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/index.js';
import { createMathEngine } from '../../src/math/index.js';
import {
  applyEquationLinks,
  createMarkdownRenderer,
  linkEquationReferences,
  type LinkableArticle,
} from '../../src/markdown/index.js';
import { article } from './fixtures.js';

const renderer = createMarkdownRenderer(createMathEngine(), { macros: {} });

/** A series of parts, placed as the site stage would place them. */
function series(...bodies: string[]): LinkableArticle[] {
  const parts = bodies.map((body, index) => {
    const slug = `part-${index + 1}`;
    const overrides: Partial<Article> = {
      slug,
      series: '複利から指数関数へ',
      part: index + 1,
      sourcePath: `content/posts/${slug}.md`,
    };
    return {
      rendered: renderer.render(article(body, overrides)),
      url: `/posts/${slug}/`,
      seriesParts: [] as LinkableArticle[],
    };
  });
  for (const part of parts) part.seriesParts = parts;
  return parts;
}

function links(html: string): string[] {
  const page = parse(html);
  for (const hidden of page.querySelectorAll('.katex-mathml')) hidden.remove();
  return page.querySelectorAll('a').map((a) => `${a.getAttribute('href')} ${a.textContent}`);
}

const first =
  '$$\n\\lim_{n\\to\\infty}\\left(1+\\frac{1}{n}\\right)^n = e \\tag{1.3}\n$$\n\n$$\ne^x = \\lim_{n\\to\\infty}\\left(1+\\frac{x}{n}\\right)^n \\label{exp}\n$$\n';

describe('references across the parts of a series', () => {
  it('式 (1.3) in 後編 links to the equation in 前編', () => {
    const parts = series(first, '前編の式 (1.3) を思い出す。\n');
    const { html, diagnostics } = linkEquationReferences({ articles: parts });
    expect(diagnostics).toEqual([]);
    expect(links(html.get(parts[1]!)!)).toEqual(['/posts/part-1/#eq-1.3 (1.3)']);
    expect(html.get(parts[1]!)).toContain('aria-label="式 (1.3)"');
    expect(html.get(parts[1]!)).not.toContain('<!--');
  });

  it('prefers an equation of the same number in the article itself', () => {
    const parts = series(first, '$$\nx = 1 \\tag{1.3}\n$$\n\n式 (1.3) を使う。\n');
    const { html } = linkEquationReferences({ articles: parts });
    expect(links(html.get(parts[1]!)!)).toEqual(['#eq-1.3 (1.3)']);
  });

  it('resolves \\eqref{name} in prose to a label of another part and shows its number', () => {
    const parts = series(first, '\\eqref{exp} と \\ref{exp} から。\n');
    const { html } = linkEquationReferences({ articles: parts });
    expect(links(html.get(parts[1]!)!)).toEqual([
      '/posts/part-1/#eq-1 (1)',
      '/posts/part-1/#eq-1 1',
    ]);
  });

  it('renders a formula again when its \\eqref points to another part', () => {
    const parts = series(
      first,
      '$$\n\\frac{d}{dx}e^x = e^x \\quad \\text{（}\\eqref{exp}\\text{より）}\n$$\n',
    );
    const before = parts[1]!.rendered.html;
    expect(before).toContain('(??)');
    const { html, diagnostics } = linkEquationReferences({ articles: parts });
    expect(diagnostics).toEqual([]);
    expect(links(html.get(parts[1]!)!)).toEqual(['/posts/part-1/#eq-1 (1)']);
    expect(html.get(parts[1]!)).not.toContain('(??)');
  });

  it('links a restated \\tag{1.3、再掲} in 後編 back to 前編', () => {
    const parts = series(
      first,
      '$$\n\\lim_{n\\to\\infty}\\left(1+\\frac{1}{n}\\right)^n = e \\tag{1.3、再掲}\n$$\n',
    );
    const { html } = linkEquationReferences({ articles: parts });
    expect(links(html.get(parts[1]!)!)).toEqual(['/posts/part-1/#eq-1.3 1.3、再掲']);
    expect(parts[1]!.rendered.equations).toEqual([]);
  });

  it('links 式 (2) in 後編 to the second row of an align in 前編, and restates that row', () => {
    const rows =
      '$$\n\\begin{align}\na_{n+1} &= (1+r)a_n \\\\\na_n &= (1+r)^n a_0 \\label{closed}\n\\end{align}\n$$\n';
    const parts = series(
      rows,
      '前編の式 (2) と \\eqref{closed} から、\n\n' +
        '$$\n\\begin{align}\na_n &= (1+r)^n a_0 \\tag{2、再掲} \\\\\nb_n &= a_n - a_0\n\\end{align}\n$$\n',
    );
    expect(parts[0]!.rendered.equations.map((equation) => equation.anchor)).toEqual([
      'eq-1',
      'eq-2',
    ]);
    expect(parse(parts[0]!.rendered.html).getElementById('eq-2')?.textContent).toBe('(2)');
    const { html, diagnostics } = linkEquationReferences({ articles: parts });
    expect(diagnostics).toEqual([]);
    expect(links(html.get(parts[1]!)!)).toEqual([
      '/posts/part-1/#eq-2 (2)',
      '/posts/part-1/#eq-2 (2)',
      '/posts/part-1/#eq-2 2、再掲',
    ]);
    // Rendered again with the link, 後編's own row keeps its number (1) and its anchor.
    const page = parse(html.get(parts[1]!)!);
    expect(page.querySelector('.katex-html .katex-tag')?.textContent).toContain('(1)');
    expect(page.getElementById('eq-1')).not.toBeNull();
  });

  it('leaves what no part has as written, with a warning at its place', () => {
    const parts = series(first, '後編の式 (2.9) と \\eqref{missing}。\n');
    const { html, diagnostics } = linkEquationReferences({ articles: parts });
    expect(links(html.get(parts[1]!)!)).toEqual([]);
    expect(parse(html.get(parts[1]!)!).textContent).toBe('後編の式 (2.9) と \\eqref{missing}。\n');
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'content/posts/part-2.md:5:6 math/unresolved-reference',
      'content/posts/part-2.md:5:14 math/unresolved-reference',
    ]);
    expect(diagnostics[0]!.message).toContain('other parts of its series');
  });

  it('strips the markers even when nothing resolves', () => {
    expect(applyEquationLinks('<p>式 <!--eqref:0-->(1.3)<!--/eqref:0--></p>', {})).toBe(
      '<p>式 (1.3)</p>',
    );
  });
});
