import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createMathEngine, type FormulaRequest } from '../../src/math/index.js';

const at = { file: 'content/posts/bomb.md', line: 12, column: 3 };

/** Render and time it: a hostile formula must be refused quickly, never hang the build. */
function timed(tex: string, overrides: Partial<FormulaRequest> = {}) {
  const started = performance.now();
  const result = createMathEngine().render({
    tex,
    displayMode: true,
    macros: {},
    location: at,
    ...overrides,
  });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

describe('formulas that try to hang or break the build', () => {
  it('stops a bomb of nested \\def macros within a second, with a located error', () => {
    const defs = ['\\def\\a{xxxxxxxxxx}'];
    for (const [name, inner] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ]) {
      defs.push(`\\def\\${name}{${`\\${inner}`.repeat(10)}}`);
    }
    const result = timed(`${defs.join('')}\\f`);
    expect(result.seconds).toBeLessThan(1);
    expect(result.ok).toBe(false);
    expect(result.html).toContain('class="math-error"');
    expect(result.diagnostics[0]).toMatchObject({
      file: 'content/posts/bomb.md',
      line: 12,
      severity: 'error',
    });
    expect(result.diagnostics[0]!.message).toMatch(/expand too many times/);
  });

  it('stops a bomb hidden in front-matter macros the same way', () => {
    const macros = {
      '\\a': '\\b\\b\\b\\b',
      '\\b': '\\c\\c\\c\\c',
      '\\c': '\\d\\d\\d\\d',
      '\\d': '\\e\\e\\e\\e',
      '\\e': 'xxxx',
    };
    const result = timed('\\a\\a\\a\\a', { macros });
    expect(result.seconds).toBeLessThan(1);
    expect(result.diagnostics[0]!.code).toBe('math/katex-error');
  });

  it('refuses a huge nest of \\underbrace within a second instead of overflowing the stack', () => {
    const result = timed(`${'\\underbrace{'.repeat(1000)}x${'}_{n}'.repeat(1000)}`);
    expect(result.seconds).toBeLessThan(1);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'math/too-complex', severity: 'error', line: 12 }),
    ]);
  });

  it('turns KaTeX running out of stack into a diagnostic, not a crash', () => {
    // Nested without braces, so no brace count can see it coming.
    const result = timed(`${'\\sqrt'.repeat(3000)} x`);
    expect(result.seconds).toBeLessThan(1);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.code).toBe('math/too-complex');
  });

  it('refuses an absurdly long formula before typesetting it', () => {
    const result = timed('x+'.repeat(20_000));
    expect(result.seconds).toBeLessThan(1);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'math/too-complex', column: 3 }),
    ]);
  });

  it('bounds sizes: a giant \\rule is clipped, not a page-wide block', () => {
    const result = timed('\\rule{10000em}{10000em}');
    expect(result.ok).toBe(true);
    expect(result.html).not.toMatch(/style="[^"]*10000em/);
    expect(result.html).toMatch(/style="[^"]*50em/);
  });

  it('never lets \\includegraphics or \\href put an image or a javascript: link into the page', () => {
    const result = timed(
      '\\includegraphics{https://tracker.example/a.png} \\href{javascript:alert(1)}{x}',
    );
    expect(result.html).not.toMatch(/<img|javascript:alert\(1\)"/);
    expect(result.diagnostics.every((d) => d.code === 'math/disabled-command')).toBe(true);
  });
});
