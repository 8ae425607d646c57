import type { TexEdit } from './edits.js';
import { readRows, type RowSpan } from './equation-rows.js';
import { groupAt, groupText, scanCommands } from './tex.js';
import type { EquationLink, RowNumber } from '../model/index.js';

/** A `\label{…}`, `\eqref{…}`, `\ref{…}` or `\tag{…}` as written, with the offsets of the whole command. */
export interface TexMark {
  /** The argument: a label name or the tag text. */
  text: string;
  start: number;
  end: number;
}

/** A `\tag`, with the offsets of what is between its braces. */
export interface TexTag extends TexMark {
  starred: boolean;
  argument: { start: number; end: number };
}

/** One numbered place of a display: a row of `align`, or the whole display. */
export interface EquationRow extends RowSpan {
  /** Its first `\tag{…}` / `\tag*{…}` (KaTeX rejects a second one itself). */
  tag?: TexTag;
  labels: TexMark[];
  /** Its `\notag` or `\nonumber`, if any. */
  notag?: { start: number; end: number };
}

export interface EquationMarks {
  /** The rows in order; a formula without a numbering environment is one row. */
  rows: EquationRow[];
  references: (TexMark & { style: 'eqref' | 'ref' })[];
  /** Numbering environments renamed to their starred forms for KaTeX. */
  renames: TexEdit[];
}

/** Find the numbering commands of a formula: its rows with their tags and labels, its references. */
export function readEquationMarks(tex: string): EquationMarks {
  const { rows: spans, renames } = readRows(tex);
  // Written out: V8 spends five times longer on `{ ...span, labels: [] }`.
  const rows: EquationRow[] = spans.map(({ start, end, tagAt, inEnvironment, numbered }) => ({
    start,
    end,
    tagAt,
    inEnvironment,
    numbered,
    labels: [],
  }));
  const marks: EquationMarks = { rows, references: [], renames };
  for (const command of scanCommands(tex)) {
    const name = command.name;
    if (name === '\\notag' || name === '\\nonumber') {
      rowAt(rows, command.start).notag ??= { start: command.start, end: command.end };
      continue;
    }
    if (name !== '\\tag' && name !== '\\label' && name !== '\\eqref' && name !== '\\ref') continue;
    const starred = name === '\\tag' && tex[command.end] === '*';
    const group = groupAt(tex, starred ? command.end + 1 : command.end);
    if (!group || group.close >= tex.length) continue;
    const mark = { text: groupText(tex, group), start: command.start, end: group.close + 1 };
    const argument = { start: group.open + 1, end: group.close };
    if (name === '\\tag') rowAt(rows, command.start).tag ??= { ...mark, starred, argument };
    else if (name === '\\label') rowAt(rows, command.start).labels.push(mark);
    else marks.references.push({ ...mark, style: name === '\\eqref' ? 'eqref' : 'ref' });
  }
  return marks;
}

/** The row a command belongs to; one outside every row (after `\end{align}`) goes with the row before it. */
function rowAt(rows: EquationRow[], offset: number): EquationRow {
  let found = rows[0]!;
  for (const row of rows) {
    if (row.start > offset) break;
    found = row;
  }
  return found;
}

/** A row is numbered by its own `\tag`, by its environment, or by a `\label` (sugaku's rule), unless `\notag`. */
export function isNumberedRow(row: EquationRow): boolean {
  return row.tag !== undefined || (!row.notag && (row.numbered || row.labels.length > 0));
}

/**
 * Element ids go into KaTeX's HTML through `\htmlId` in the row's `\tag`; KaTeX reads
 * that argument verbatim except for `%` (a comment), whitespace and unbalanced braces.
 */
const ROW_ID = /^[^\s%\\{}#~]+$/u;

/** True when an id can be put on a row's number by `\htmlId`. */
export function canAnchorRow(id: string): boolean {
  return ROW_ID.test(id);
}

export interface NumberingRequest {
  displayMode: boolean;
  references?: Readonly<Record<string, EquationLink>> | undefined;
  numbering?: readonly RowNumber[] | undefined;
}

/** What numbering does to one formula: the edits, what KaTeX may trust, the numbers for MathML. */
export interface FormulaNumbering {
  edits: TexEdit[];
  /** Equation links we wrote: `\href` to exactly these is trusted. */
  links: Set<string>;
  /** Element ids we wrote: `\htmlId` with exactly these is trusted. */
  ids: Set<string>;
  /**
   * The number each tagged row of an environment shows, in order (undefined when it is
   * TeX rather than plain text). KaTeX's MathML leaves these cells empty with a CSS
   * counter class, whatever the `\tag` says.
   */
  rowTags: (string | undefined)[];
}

/**
 * Edits that turn our numbering commands into what KaTeX knows: `\label` goes (KaTeX
 * rejects it), `\eqref{name}` becomes the linked number `(2.4)` (`(??)` as in LaTeX
 * when unknown), numbering environments become starred, an automatic number becomes a
 * `\tag` at the end of its row, a row's anchor goes on its number (`\htmlId`), and a
 * restated tag links back to its original.
 */
export function numberFormula(
  tex: string,
  marks: EquationMarks,
  request: NumberingRequest,
): FormulaNumbering {
  const edits: TexEdit[] = marks.rows.flatMap((row) =>
    row.labels.map((label) => ({ start: label.start, end: label.end, text: '' })),
  );
  const links = new Set<string>();
  const ids = new Set<string>();
  for (const reference of marks.references) {
    const link = request.references?.[reference.text];
    const number = link ? escapeText(link.number) : '??';
    const shown = reference.style === 'eqref' ? `(${number})` : number;
    if (link) links.add(link.href);
    const text = link ? `\\href{${escapeUrl(link.href)}}{\\text{${shown}}}` : `\\text{${shown}}`;
    edits.push({ start: reference.start, end: reference.end, text });
  }
  // KaTeX refuses these environments outside display math anyway, under their own name.
  if (request.displayMode) edits.push(...marks.renames);

  const numbers = new Map((request.numbering ?? []).map((number) => [number.row, number]));
  const rowTags: (string | undefined)[] = [];
  marks.rows.forEach((row, index) => {
    const { autoTag, tagLink, anchor } = numbers.get(index) ?? {};
    const { tag } = row;
    const placedAnchor = anchor !== undefined && canAnchorRow(anchor) ? anchor : undefined;
    if (placedAnchor !== undefined) ids.add(placedAnchor);
    if (tagLink !== undefined) links.add(tagLink);
    if (tag) {
      // Around the argument, not over it: a `\label` or `\eqref` inside has edits of its own.
      const { start, end } = tag.argument;
      if (tagLink !== undefined) {
        edits.push(
          { start, end: start, text: `\\href{${escapeUrl(tagLink)}}{` },
          { start: end, end, text: '}' },
        );
      } else if (placedAnchor !== undefined) {
        // `\tag{x}` is KaTeX's `\tag*{({x})}`: written so, the anchor takes in the parentheses.
        const [open, close] = tag.starred ? ['', ''] : ['(', ')'];
        if (!tag.starred) edits.push({ start: tag.start + 4, end: tag.start + 4, text: '*' });
        edits.push(
          { start, end: start, text: `\\htmlId{${placedAnchor}}{${open}{` },
          { start: end, end, text: `}${close}}` },
        );
      }
      if (row.inEnvironment && tag.start >= row.start && tag.end <= row.end)
        rowTags.push(shownTag(tag.text, tag.starred));
    } else if (autoTag !== undefined) {
      const number = escapeText(autoTag);
      const tagged =
        placedAnchor === undefined
          ? `\\tag{${number}}`
          : `\\tag*{\\htmlId{${placedAnchor}}{(${number})}}`;
      // Outside an environment on a line of its own, so a `%` comment on the last line cannot swallow it.
      const text = row.inEnvironment ? tagged : `\n${tagged}`;
      edits.push({ start: row.tagAt, end: row.tagAt, text });
      if (row.inEnvironment) rowTags.push(shownTag(autoTag, false));
    }
  });
  return { edits: outermost(edits), links, ids, rowTags };
}

/**
 * Edits inside another one dropped: `\label{\eqref{a}}` or `\eqref{\begin{align}}` is
 * nonsense an author can still write, and the outer edit replaces it all anyway.
 */
function outermost(edits: TexEdit[]): TexEdit[] {
  const kept: TexEdit[] = [];
  let end = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (edit.start < end) continue;
    kept.push(edit);
    end = edit.end;
  }
  return kept;
}

function shownTag(text: string, starred: boolean): string | undefined {
  if (/[\\{}$^_&#%~]/.test(text)) return undefined;
  return starred ? text : `(${text})`;
}

/** The empty, counter-numbered cells KaTeX's MathML has for the tags of an environment's rows. */
const COUNTER_CELL = /<mtd class ="mml-eqn-num"><\/mtd>/g;

/**
 * KaTeX's MathML with each row's number as text where KaTeX left a CSS counter, and its
 * `class ="…"` (valid, but flagged by validators) written `class="…"`.
 */
export function withRowTags(html: string, rowTags: readonly (string | undefined)[]): string {
  let index = 0;
  return html
    .replace(COUNTER_CELL, () => {
      const shown = rowTags[index++];
      return shown === undefined
        ? '<mtd></mtd>'
        : `<mtd><mtext>${escapeMarkup(shown)}</mtext></mtd>`;
    })
    .replaceAll(' class ="', ' class="');
}

function escapeMarkup(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A number shown in `\text{…}`: TeX's special characters escaped. */
function escapeText(text: string): string {
  return text.replace(/[\\{}$&#^_%~]/g, (char) => TEXT_ESCAPES[char] ?? `\\${char}`);
}

const TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/** KaTeX reads `\href`'s URL verbatim (`%` and `#` included) except for braces and backslashes. */
function escapeUrl(url: string): string {
  return url.replace(/[\\{}]/g, (char) => encodeURIComponent(char));
}
