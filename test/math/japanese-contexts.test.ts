import { describe, expect, it } from 'vitest';
import { createMathEngine } from '../../src/math/index.js';

function render(tex: string) {
  const at = { file: 'content/posts/a.md', line: 7, column: 4 };
  return createMathEngine().render({ tex, displayMode: true, macros: {}, location: at });
}

// What the rewrite leaves as written, and what it sets as text next to it, is in
// test/fixtures/math/japanese-text.txt.
describe('where the Japanese-as-text rewrite never reaches', () => {
  it('renders \\verb|日本| in typewriter type, not as \\text{日本}', () => {
    const result = render('\\verb|日本|');
    expect(result.html).toContain('<mtext mathvariant="monospace">日本</mtext>');
    expect(result.diagnostics).toEqual([]);
  });

  it('sets an operator name in Japanese upright without a warning', () => {
    const result = render('\\operatorname*{最大}_{x} f(x)');
    expect(result.html).toContain('<mi mathvariant="normal">最大</mi>');
    expect(result.diagnostics).toEqual([]);
  });
});
