import { applyEdits, type TexEdit } from './edits.js';
import type { Problem } from './failures.js';
import { untouchedRanges } from './japanese.js';
import { isEscaped } from './tex.js';

/**
 * Markdown escapes written inside TeX, a habit from renderers that apply Markdown before
 * TeX (Qiita, and Zenn articles written for them): `x^\*` for `x^*`, `\mathrm{OPT}\_i`
 * for `\mathrm{OPT}_i`, `\\{a,b\\}` for `\{a,b\}`, `\\,` for `\,`. sugaku hands inline
 * math to KaTeX untouched, so `\*` is an unknown command, `\_` a printed underscore and
 * `\\{` a line break followed by a group whose braces vanish.
 *
 * Only escapes that TeX cannot have meant are listed: `\{`, `\,` or `\|` alone are TeX
 * and stay.
 */
const DOUBLED = /\\\\(?=[{},;:!|#$%&_>])|\\\\\\\\/g;
const SINGLE = /\\[*_]/g;
const ANY_ESCAPE = /\\[*_]|\\\\[{},;:!|#$%&_>\\]/;

/** Each escape as an edit that undoes it (`\*` → `*`, `\\{` → `\{`, `\\\\` → `\\`). */
export function markdownEscapeEdits(tex: string): TexEdit[] {
  // Most formulas have none: this test is cheaper than finding the text arguments.
  if (!ANY_ESCAPE.test(tex)) return [];
  // `\text{file\_name}`: an underscore in text is `\_` in TeX as well.
  const text = untouchedRanges(tex);
  const edits: TexEdit[] = [];
  for (const match of tex.matchAll(SINGLE)) {
    const at = match.index;
    if (isEscaped(tex, at) || text.some(([from, to]) => at >= from && at < to)) continue;
    edits.push({ start: at, end: at + 2, text: match[0][1]! });
  }
  for (const match of tex.matchAll(DOUBLED)) {
    const at = match.index;
    if (isEscaped(tex, at) || text.some(([from, to]) => at >= from && at < to)) continue;
    edits.push({ start: at, end: at + match[0].length / 2, text: '' });
  }
  return edits.sort((a, b) => a.start - b.start);
}

/**
 * One warning per formula, at its first Markdown escape, showing the formula without
 * them: the author fixes every escape of the formula at once.
 */
export function markdownEscapeWarning(tex: string): Problem | undefined {
  const edits = markdownEscapeEdits(tex);
  const first = edits[0];
  if (!first) return undefined;
  // `\*`, `\_`; `\\{` (one backslash removed) or `\\\\` (two removed).
  const removed = first.end - first.start;
  const written = tex.slice(
    first.start,
    first.text === '' ? first.end + removed + (removed === 1 ? 1 : 0) : first.end,
  );
  const fixed = applyEdits(tex, edits).text;
  const fix = fixed.length <= 80 ? `\`${fixed}\`` : `\`${first.text || written.slice(1)}\``;
  return {
    offset: first.start,
    severity: 'warning',
    code: 'math/markdown-escape',
    message: `\`${written}\` is a Markdown escape inside TeX: ${MEANING[written] ?? MEANING['\\\\']!}`,
    hint: `Write ${fix}; or, for a site moved from Qiita or Zenn, set \`math: { markdownEscapes: true }\` in sugaku.config.yaml to undo such escapes in inline math.`,
  };
}

const MEANING: Record<string, string> = {
  '\\*': 'KaTeX knows no command `\\*`.',
  '\\_': 'TeX prints an underscore instead of starting a subscript.',
  '\\\\':
    'in TeX `\\\\` breaks the line, and what follows loses its meaning (`\\\\{` shows no brace).',
};
