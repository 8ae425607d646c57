import type { TexEdit } from './edits.js';
import { groupAt, groupText, scanCommands } from './tex.js';
import type { EquationLink } from './types.js';

/** A `\label{…}`, `\eqref{…}`, `\ref{…}` or `\tag{…}` as written, with the offsets of the whole command. */
export interface TexMark {
  /** The argument: a label name or the tag text. */
  text: string;
  start: number;
  end: number;
}

export interface EquationMarks {
  /** The first `\tag{…}` / `\tag*{…}` (KaTeX rejects a second one itself). */
  tag?: TexMark & { starred: boolean };
  labels: TexMark[];
  references: (TexMark & { style: 'eqref' | 'ref' })[];
}

/** Find the numbering commands of a formula: its tag, its labels, its references. */
export function readEquationMarks(tex: string): EquationMarks {
  const marks: EquationMarks = { labels: [], references: [] };
  for (const command of scanCommands(tex)) {
    const name = command.name;
    if (name !== '\\tag' && name !== '\\label' && name !== '\\eqref' && name !== '\\ref') continue;
    const starred = name === '\\tag' && tex[command.end] === '*';
    const group = groupAt(tex, starred ? command.end + 1 : command.end);
    if (!group || group.close >= tex.length) continue;
    const mark = { text: groupText(tex, group), start: command.start, end: group.close + 1 };
    if (name === '\\tag') marks.tag ??= { ...mark, starred };
    else if (name === '\\label') marks.labels.push(mark);
    else marks.references.push({ ...mark, style: name === '\\eqref' ? 'eqref' : 'ref' });
  }
  return marks;
}

export interface NumberingRequest {
  references?: Readonly<Record<string, EquationLink>> | undefined;
  autoTag?: string | undefined;
  tagLink?: string | undefined;
}

/**
 * Edits that turn our numbering commands into what KaTeX knows: `\label` goes (KaTeX
 * rejects it), `\eqref{name}` becomes the linked number `(2.4)` (`(??)` as in LaTeX
 * when unknown), an automatic number becomes a `\tag`, and a restated tag links back
 * to its original.
 */
export function numberingEdits(
  tex: string,
  marks: EquationMarks,
  request: NumberingRequest,
): TexEdit[] {
  const edits: TexEdit[] = marks.labels.map((label) => ({
    start: label.start,
    end: label.end,
    text: '',
  }));
  for (const reference of marks.references) {
    const link = request.references?.[reference.text];
    const number = link ? escapeText(link.number) : '??';
    const shown = reference.style === 'eqref' ? `(${number})` : number;
    const text = link ? `\\href{${escapeUrl(link.href)}}{\\text{${shown}}}` : `\\text{${shown}}`;
    edits.push({ start: reference.start, end: reference.end, text });
  }
  if (marks.tag && request.tagLink) {
    const { tag } = marks;
    const star = tag.starred ? '*' : '';
    edits.push({
      start: tag.start,
      end: tag.end,
      text: `\\tag${star}{\\href{${escapeUrl(request.tagLink)}}{${tag.text}}}`,
    });
  } else if (!marks.tag && request.autoTag !== undefined) {
    // On a line of its own, so a `%` comment on the last line cannot swallow it.
    edits.push({
      start: tex.length,
      end: tex.length,
      text: `\n\\tag{${escapeText(request.autoTag)}}`,
    });
  }
  return edits;
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
