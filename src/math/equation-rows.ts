import type { TexEdit } from './edits.js';
import { groupAt } from './tex.js';

/** How an amsmath environment numbers: each row, or once for the whole environment. */
type Numbering = 'rows' | 'once';

interface NumberingEnvironment {
  numbering: Numbering;
  /** Numbered unless starred. */
  numbered: boolean;
  /** What KaTeX is given: always a starred form, so that KaTeX numbers nothing itself. */
  katexName: string;
}

/**
 * The displays that number their rows in LaTeX. KaTeX numbers the unstarred ones with
 * a CSS counter of its own (`.eqn-num`): not text, not linkable, and a second sequence
 * beside ours. We give KaTeX the starred form and the numbers as `\tag`s instead.
 * KaTeX has no `multline` and no `flalign`: `gather*` and `align*` come closest
 * (multline's first and last lines are not pushed to the margins).
 */
const ENVIRONMENTS: Record<string, NumberingEnvironment> = {
  equation: { numbering: 'once', numbered: true, katexName: 'equation*' },
  'equation*': { numbering: 'once', numbered: false, katexName: 'equation*' },
  multline: { numbering: 'once', numbered: true, katexName: 'gather*' },
  'multline*': { numbering: 'once', numbered: false, katexName: 'gather*' },
  align: { numbering: 'rows', numbered: true, katexName: 'align*' },
  'align*': { numbering: 'rows', numbered: false, katexName: 'align*' },
  gather: { numbering: 'rows', numbered: true, katexName: 'gather*' },
  'gather*': { numbering: 'rows', numbered: false, katexName: 'gather*' },
  alignat: { numbering: 'rows', numbered: true, katexName: 'alignat*' },
  'alignat*': { numbering: 'rows', numbered: false, katexName: 'alignat*' },
  flalign: { numbering: 'rows', numbered: true, katexName: 'align*' },
  'flalign*': { numbering: 'rows', numbered: false, katexName: 'align*' },
};

/** A stretch of a formula that can carry one equation number. */
export interface RowSpan {
  /** Offsets of the row in the TeX; the whole formula when it has no numbering environment. */
  start: number;
  end: number;
  /** Where an automatic `\tag` goes: at the `\\` or `\end` that ends the row, or the formula's end. */
  tagAt: number;
  /** In an environment's table, where a `\tag` numbers this row (else it numbers the display). */
  inEnvironment: boolean;
  /** Numbered by its environment (`align`, not `align*`), unless `\notag` says otherwise. */
  numbered: boolean;
}

export interface FormulaRows {
  rows: RowSpan[];
  /** `\begin{align}` → `\begin{align*}` and the like, for KaTeX. */
  renames: TexEdit[];
}

interface OpenEnvironment {
  environment: NumberingEnvironment;
  /** How many environments were open, this one included: rows end only at its own level. */
  level: number;
  /** Brace depth at `\begin`: a `\\` inside `{…}` ends no row. */
  depth: number;
  rowStart: number;
  rows: RowSpan[];
}

/**
 * The rows of a display as amsmath numbers them: each row of the outermost `align`,
 * `gather`, `alignat` (split at `\\` or `\cr` outside braces and inner environments
 * such as `aligned` or `split`), one row for `equation` and `multline`, and one row
 * for a formula without such an environment. Comments are skipped.
 */
export function readRows(tex: string): FormulaRows {
  const rows: RowSpan[] = [];
  const renames: TexEdit[] = [];
  // Most formulas have no environment at all: no need to read them character by character.
  if (!tex.includes('\\begin')) return { rows: [wholeFormula(tex)], renames };
  /** Names of all open environments, inner ones included. */
  const open: string[] = [];
  let outer: OpenEnvironment | undefined;
  let depth = 0;

  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === '%') {
      const end = tex.indexOf('\n', i);
      i = end === -1 ? tex.length : end;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth--;
    } else if (char === '\\' && i + 1 < tex.length) {
      let end = i + 1;
      while (end < tex.length && isLetter(tex.charCodeAt(end))) end++;
      if (end === i + 1) end = i + 2;
      const command = tex.slice(i, end);
      if (command === '\\begin' || command === '\\end') {
        const group = groupAt(tex, end);
        if (!group || group.close >= tex.length) {
          i = end - 1;
          continue;
        }
        const name = tex.slice(group.open + 1, group.close).trim();
        const environment = ENVIRONMENTS[name];
        if (environment && environment.katexName !== name)
          renames.push({ start: group.open + 1, end: group.close, text: environment.katexName });
        if (command === '\\begin') {
          open.push(name);
          if (environment && !outer)
            outer = { environment, level: open.length, depth, rowStart: group.close + 1, rows: [] };
        } else {
          if (outer && open.length === outer.level) {
            endRow(tex, outer, i, true);
            rows.push(...outer.rows);
            outer = undefined;
          }
          open.pop();
        }
        i = group.close;
        continue;
      }
      const breaksRow = command === '\\\\' || command === '\\cr';
      if (
        breaksRow &&
        outer?.environment.numbering === 'rows' &&
        open.length === outer.level &&
        depth === outer.depth
      ) {
        endRow(tex, outer, i, false);
        outer.rowStart = end;
      }
      i = end - 1;
    }
  }
  // An environment never closed is KaTeX's error to report; its rows still count.
  if (outer) {
    endRow(tex, outer, tex.length, true);
    rows.push(...outer.rows);
  }
  if (rows.length === 0) rows.push(wholeFormula(tex));
  return { rows, renames };
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function wholeFormula(tex: string): RowSpan {
  return { start: 0, end: tex.length, tagAt: tex.length, inEnvironment: false, numbered: false };
}

/**
 * KaTeX drops an empty last row (`a \\ b \\` then `\end`), as amsmath does not: a
 * number there would be shown on a row of its own.
 */
function endRow(tex: string, outer: OpenEnvironment, at: number, last: boolean): void {
  const text = tex.slice(outer.rowStart, at);
  if (last && outer.rows.length > 0 && isBlankRow(text)) {
    // What it holds (`\label`, `\notag`) belongs to the row before.
    outer.rows[outer.rows.length - 1]!.end = at;
    return;
  }
  outer.rows.push({
    start: outer.rowStart,
    end: at,
    tagAt: at,
    inEnvironment: true,
    numbered: outer.environment.numbered,
  });
}

const BLANK_ROW =
  /^(?:\s|%[^\n]*|\[[^\]]*\]|\\(?:hline|hdashline|notag|nonumber)(?![a-zA-Z])|\\label\s*\{[^{}]*\})*$/;

function isBlankRow(text: string): boolean {
  return BLANK_ROW.test(text);
}
