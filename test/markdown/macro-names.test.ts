import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../src/config/index.js';
import { parseArticle } from '../../src/content/index.js';
import { createMathEngine } from '../../src/math/index.js';
import { createMarkdownRenderer } from '../../src/markdown/index.js';

const source = [
  '---',
  'title: 引用符',
  'date: 2025-05-20',
  'macros: { "’": "\'" }',
  '---',
  '',
  '導関数 $f’(x)$ を考える。',
  '',
].join('\n');

describe('macros named by a single character, as KaTeX allows', () => {
  it('are accepted in the front matter and used by the formulas', () => {
    const { article, diagnostics } = parseArticle(
      { path: 'content/posts/a.md', text: source },
      defaultConfig(),
    );
    expect(diagnostics).toEqual([]);
    const rendered = createMarkdownRenderer(createMathEngine(), { macros: {} }).render(article!);
    expect(rendered.diagnostics).toEqual([]);
    // `’` became a prime: KaTeX sets `'` as a superscript prime.
    expect(rendered.html).toContain('<mo mathvariant="normal" lspace="0em" rspace="0em">′</mo>');
  });

  it('are accepted in the site config', () => {
    const { config, diagnostics } = parseConfig('macros:\n  "’": "\'"\n', 'sugaku.config.yaml');
    expect(diagnostics).toEqual([]);
    expect(config?.macros).toEqual({ '’': "'" });
  });

  it('still refuse a lone letter, which is a forgotten backslash', () => {
    const { diagnostics } = parseConfig('macros:\n  R: "\\\\mathbb{R}"\n', 'sugaku.config.yaml');
    expect(diagnostics[0]?.message).toContain('must start with `\\`');
  });
});
