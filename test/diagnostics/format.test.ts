import { describe, expect, it } from 'vitest';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../../src/diagnostics/index.js';

const diagnostic: Diagnostic = {
  file: 'content/posts/対数.md',
  line: 3,
  column: 5,
  severity: 'error',
  code: 'front-matter/missing-title',
  message: 'The front matter has no `title`.',
  hint: 'Add a line such as `title: 対数の性質`.',
};

describe('formatDiagnostic', () => {
  it('starts with file:line:column so editors can jump there', () => {
    expect(formatDiagnostic(diagnostic).split('\n')[0]).toBe(
      'content/posts/対数.md:3:5 error[front-matter/missing-title]: The front matter has no `title`.',
    );
  });

  it('shows a code frame with the caret under the column, counting full-width characters as two', () => {
    const source = '---\ndate: 2025-05-20\n対数の: x\n---\n本文';
    const text = formatDiagnostic(diagnostic, { source });
    const lines = text.split('\n');
    const marked = lines.findIndex((line) => line.startsWith('>'));
    expect(lines[marked]).toBe('> 3 | 対数の: x');
    // Four characters before column 5: 対数の (6 columns) and ':' (1).
    expect(lines[marked + 1]).toBe(`    | ${' '.repeat(7)}^`);
    expect(text).toContain('hint: Add a line such as `title: 対数の性質`.');
  });
});

describe('sortDiagnostics', () => {
  it('orders by file, then line and column', () => {
    const at = (file: string, line: number, column: number): Diagnostic => ({
      ...diagnostic,
      file,
      line,
      column,
    });
    const sorted = sortDiagnostics([
      at('b.md', 1, 1),
      at('a.md', 9, 1),
      at('a.md', 2, 7),
      at('a.md', 2, 3),
    ]);
    expect(sorted.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'a.md:2:3',
      'a.md:2:7',
      'a.md:9:1',
      'b.md:1:1',
    ]);
  });
});

describe('formatDiagnostic with hostile text', () => {
  it('shows control characters of the source as symbols, so escape sequences never reach the terminal', () => {
    const source = '---\ntitle: x\n\u001b]0;pwned\u0007\u001b[2J本文 $\\frac{1}{$\n';
    const text = formatDiagnostic({ ...diagnostic, line: 3, column: 20 }, { source });
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('> 3 | ␛]0;pwned␇␛[2J本文 $\\frac{1}{$');
  });

  it('counts a lone carriage return as a line end, as the content stage does', () => {
    const source = '---\rtitle: x\r---\r本文の一行目\r二行目';
    const lines = formatDiagnostic({ ...diagnostic, line: 5, column: 1 }, { source }).split('\n');
    expect(lines).toContain('> 5 | 二行目');
  });
});
