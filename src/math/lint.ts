import type { Diagnostic } from '../diagnostics/index.js';
import {
  commentRanges,
  definedMacros,
  groupAt,
  groupText,
  isEscaped,
  scanCommands,
  verbatimRanges,
} from './tex.js';
import type { SourceLocation } from '../model/index.js';

/** A formula as the author wrote it. */
export interface Formula {
  tex: string;
  displayMode: boolean;
  /** The site's and the article's macros, which KaTeX expands in this formula. */
  macros?: Readonly<Record<string, string>>;
}

export interface LintContext {
  /** Where an offset in `formula.tex` is in the source file. */
  at(offset: number): SourceLocation;
}

/** One check for a usual slip; KaTeX renders most of them without a word, wrongly. */
export type FormulaLint = (formula: Formula, context: LintContext) => Diagnostic[];

/** Environments made of rows (`\\`) and, most of them, columns (`&`). */
const ROW_ENVIRONMENTS = new Set([
  'aligned',
  'alignedat',
  'align',
  'align*',
  'alignat',
  'alignat*',
  'gathered',
  'gather',
  'gather*',
  'split',
  'multline',
  'multline*',
  'flalign',
  'flalign*',
  'cases',
  'dcases',
  'rcases',
  'drcases',
  'array',
  'darray',
  'subarray',
  'matrix',
  'pmatrix',
  'bmatrix',
  'Bmatrix',
  'vmatrix',
  'Vmatrix',
  'smallmatrix',
  'matrix*',
  'pmatrix*',
  'bmatrix*',
  'Bmatrix*',
  'vmatrix*',
  'Vmatrix*',
  'equation',
  'equation*',
  'eqnarray',
  'CD',
]);

/** Commands KaTeX only honours with `trust`, which we do not give to authors. */
const DISABLED_COMMANDS = new Set([
  '\\href',
  '\\url',
  '\\includegraphics',
  '\\htmlClass',
  '\\htmlId',
  '\\htmlStyle',
  '\\htmlData',
]);

interface EnvironmentRange {
  name: string;
  /** Offsets of the content between `\begin{…}` and `\end{…}`. */
  start: number;
  end: number;
}

/** `\begin{…}` … `\end{…}` pairs of the formula, innermost last among those that contain a point. */
function environments(tex: string): EnvironmentRange[] {
  const ranges: EnvironmentRange[] = [];
  const open: { name: string; start: number }[] = [];
  for (const command of scanCommands(tex)) {
    if (command.name !== '\\begin' && command.name !== '\\end') continue;
    const group = groupAt(tex, command.end);
    if (!group || group.close >= tex.length) continue;
    const name = groupText(tex, group);
    if (command.name === '\\begin') {
      open.push({ name, start: group.close + 1 });
    } else {
      const index = open.map((entry) => entry.name).lastIndexOf(name);
      if (index === -1) continue;
      const [entry] = open.splice(index);
      ranges.push({ name, start: entry!.start, end: command.start });
    }
  }
  return ranges;
}

/** The innermost environment around `offset`. */
function environmentAt(ranges: EnvironmentRange[], offset: number): EnvironmentRange | undefined {
  let inner: EnvironmentRange | undefined;
  for (const range of ranges) {
    if (offset < range.start || offset >= range.end) continue;
    if (!inner || range.start >= inner.start) inner = range;
  }
  return inner;
}

/** Each line of the formula without its comment: [text, offset of its first character]. */
function codeLines(tex: string): [string, number][] {
  const comments = commentRanges(tex);
  const lines: [string, number][] = [];
  let start = 0;
  for (const line of tex.split('\n')) {
    const comment = comments.find(([from]) => from >= start && from <= start + line.length);
    lines.push([comment ? line.slice(0, comment[0] - start) : line, start]);
    start += line.length + 1;
  }
  return lines;
}

function inRows(ranges: EnvironmentRange[], offset: number): EnvironmentRange | undefined {
  const environment = environmentAt(ranges, offset);
  return environment && ROW_ENVIRONMENTS.has(environment.name) ? environment : undefined;
}

/**
 * `a &= b \` at the end of a row: one backslash before a line break is a control
 * space, so the row break `\\` is lost and two rows run together without a word.
 */
export const lostRowBreak: FormulaLint = ({ tex }, context) => {
  const ranges = environments(tex);
  const found: Diagnostic[] = [];
  for (const [line, start] of codeLines(tex)) {
    const trimmed = line.trimEnd();
    const slash = start + trimmed.length - 1;
    if (!trimmed.endsWith('\\') || isEscaped(tex, slash)) continue;
    const environment = inRows(ranges, slash);
    if (!environment) continue;
    const rest = tex.slice(start + line.length, environment.end);
    if (rest.trim() === '') continue;
    found.push({
      ...context.at(slash),
      severity: 'warning',
      code: 'math/lost-row-break',
      message: `This row of \`${environment.name}\` ends with a single \`\\\`, which TeX reads as a space: the next row is joined to this one.`,
      hint: 'End the row with two backslashes, `\\\\`.',
    });
  }
  return found;
};

/** `a &= b \&` at the end of a row prints an ampersand sign; the author meant `\\`. */
export const ampersandAtRowEnd: FormulaLint = ({ tex }, context) => {
  const ranges = environments(tex);
  const found: Diagnostic[] = [];
  for (const [line, start] of codeLines(tex)) {
    const trimmed = line.trimEnd();
    const at = start + trimmed.length - 2;
    if (!trimmed.endsWith('\\&') || !isEscaped(tex, at + 1)) continue;
    const environment = inRows(ranges, at);
    if (!environment) continue;
    found.push({
      ...context.at(at),
      severity: 'warning',
      code: 'math/ampersand-at-row-end',
      message: `This row of \`${environment.name}\` ends with \`\\&\`, which prints an "&" sign instead of ending the row.`,
      hint: 'End the row with `\\\\`; write `\\&` only for a visible ampersand.',
    });
  }
  return found;
};

/** `a & b` outside `aligned`, `cases`, a matrix…: KaTeX stops with "Expected 'EOF', got '&'". */
export const ampersandOutsideAlignment: FormulaLint = ({ tex }, context) => {
  const ranges = environments(tex);
  const skipped = [...commentRanges(tex), ...verbatimRanges(tex)];
  const found: Diagnostic[] = [];
  for (let i = tex.indexOf('&'); i !== -1; i = tex.indexOf('&', i + 1)) {
    if (isEscaped(tex, i) || skipped.some(([from, to]) => i >= from && i < to)) continue;
    if (inRows(ranges, i)) continue;
    found.push({
      ...context.at(i),
      severity: 'warning',
      code: 'math/ampersand-outside-alignment',
      message:
        '`&` aligns columns only inside an environment such as `aligned`, `cases` or a matrix.',
      hint: 'Put the rows in `\\begin{aligned} … \\end{aligned}`, or write `\\&` for an ampersand sign.',
    });
    break; // one is enough: the rest of the formula has the same cause
  }
  return found;
};

/**
 * `\left` and `\right` pair up inside one brace group and one cell of an alignment;
 * a pair split across rows of `aligned` is the classic slip.
 */
export const unbalancedLeftRight: FormulaLint = ({ tex, macros }, context) => {
  // `\def\lp{\left(}\lp x\right)` pairs up only once expanded: where a macro holds one
  // side, KaTeX's own check (an error when they do not pair) is the one to trust.
  if (macroHidesLeftRight(tex, macros)) return [];
  const verbatim = verbatimRanges(tex);
  const found: Diagnostic[] = [];
  const frames: number[][] = [[]];
  const report = (offset: number, kind: 'left' | 'right') =>
    found.push({
      ...context.at(offset),
      severity: 'warning',
      code: 'math/unbalanced-left-right',
      message:
        kind === 'left'
          ? '`\\left` has no matching `\\right` in the same group or row.'
          : '`\\right` has no matching `\\left` before it in the same group or row.',
      hint: 'Pair every `\\left` with a `\\right` (`\\right.` shows nothing) within one row; across rows of `aligned` use `\\bigl(` and `\\bigr)` instead.',
    });
  const closeFrame = () => {
    for (const offset of frames.pop() ?? []) report(offset, 'left');
    if (frames.length === 0) frames.push([]);
  };
  const endCell = () => {
    const frame = frames[frames.length - 1]!;
    for (const offset of frame.splice(0)) report(offset, 'left');
  };
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    const verb = verbatim.find(([from]) => from === i);
    if (verb) {
      i = verb[1] - 1;
    } else if (char === '%') {
      const end = tex.indexOf('\n', i);
      i = end === -1 ? tex.length : end;
    } else if (char === '{') {
      frames.push([]);
    } else if (char === '}') {
      closeFrame();
    } else if (char === '&') {
      endCell();
    } else if (char === '\\') {
      const word = /^[a-zA-Z]+/.exec(tex.slice(i + 1, i + 41))?.[0];
      if (word === 'left') frames[frames.length - 1]!.push(i);
      else if (word === 'right') {
        if (frames[frames.length - 1]!.pop() === undefined) report(i, 'right');
      } else if (word === 'begin') frames.push([]);
      else if (word === 'end') closeFrame();
      else if (!word && tex[i + 1] === '\\') endCell();
      i += word ? word.length : 1;
    }
  }
  while (frames.length > 1) closeFrame();
  closeFrame();
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
};

const LEFT_OR_RIGHT = /\\(?:left|right)(?![a-zA-Z])/;

/** True when a macro defined in the formula, or a given one it uses, writes `\left` or `\right`. */
function macroHidesLeftRight(tex: string, macros: Formula['macros']): boolean {
  if (definedMacros(tex).some(({ body }) => LEFT_OR_RIGHT.test(body))) return true;
  if (!macros) return false;
  return scanCommands(tex).some(({ name }) => {
    const definition = macros[name];
    return definition !== undefined && LEFT_OR_RIGHT.test(definition);
  });
}

/** `\href`, `\url`, `\includegraphics` and the `\html…` commands render as red text under `trust: false`. */
export const disabledCommands: FormulaLint = ({ tex }, context) => {
  const seen = new Set<string>();
  const found: Diagnostic[] = [];
  for (const command of scanCommands(tex)) {
    if (!DISABLED_COMMANDS.has(command.name) || seen.has(command.name)) continue;
    seen.add(command.name);
    found.push({ ...context.at(command.start), ...disabledCommand(command.name) });
  }
  return found;
};

/** The warning for a command that needs `trust`, wherever it came from (also from a macro). */
export function disabledCommand(name: string): Omit<Diagnostic, 'file' | 'line' | 'column'> {
  return {
    severity: 'warning',
    code: 'math/disabled-command',
    message: `\`${name}\` is disabled in formulas: links, images and HTML cannot be put inside math (KaTeX runs with trust: false).`,
    hint: 'Put links and images in the prose around the formula, e.g. `[説明](https://…)`.',
  };
}

/** Every lint, in the order their warnings are listed. */
export const FORMULA_LINTS: readonly FormulaLint[] = [
  lostRowBreak,
  ampersandAtRowEnd,
  ampersandOutsideAlignment,
  unbalancedLeftRight,
  disabledCommands,
];

export function lintFormula(formula: Formula, context: LintContext): Diagnostic[] {
  return FORMULA_LINTS.flatMap((lint) => lint(formula, context));
}
