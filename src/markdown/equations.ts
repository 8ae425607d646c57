import type { Token } from 'markdown-it';
import type { Diagnostic } from '../diagnostics/index.js';
import {
  canAnchorRow,
  isNumberedRow,
  positionInFormula,
  readEquationMarks,
  type EquationLink,
  type EquationMarks,
  type RowNumber,
  type SourceLocation,
  type TexMark,
} from '../math/index.js';
import type { FormulaMeta, ReferenceMeta, RenderEnv } from './env.js';
import { formulaMeta } from './env.js';
import { isInlineMath } from './rules/math.js';
import type { Equation } from '../model/index.js';

/** `\tag{3.1、再掲}`, `\tag{3.1 再掲}`, `\tag{再掲 3.1}`, `\tag{3.1（再掲）}`: a restatement of (3.1). */
const RESTATED = /[\s、,，]*[（(]?\s*再掲\s*[）)]?[\s、,，]*/;

export function anchorFor(number: string): string {
  return `eq-${number.trim().replace(/\s+/g, '-')}`;
}

/** A fragment for an element id in a link, percent-encoded like every URL of the site. */
export function fragmentFor(anchor: string): string {
  return `#${encodeURIComponent(anchor)}`;
}

/** The number a restated tag repeats (`3.1` of `3.1、再掲`), or undefined for an ordinary tag. */
export function restatedNumber(tag: string): string | undefined {
  if (!RESTATED.test(tag)) return undefined;
  const number = tag.replace(RESTATED, ' ').trim();
  return number === '' ? undefined : number;
}

/**
 * Number the article's equations and resolve what the article can resolve by itself,
 * between parsing and rendering (so a reference may come before its equation):
 *
 * - `\tag{2.4}` gives its display the anchor `eq-2.4`; the same tag again, or a
 *   restatement `\tag{2.4、再掲}`, gets no id and its number links back to the original.
 * - `\label{name}` without `\tag` gets the next automatic number (1), (2), …, skipping
 *   numbers that a `\tag` of the article already uses.
 * - `\eqref`/`\ref` in formulas and `式 (2.4)`, `\eqref{name}` in prose link to
 *   equations of this article. What is not here is left for `linkEquationReferences`
 *   if the article is part of a series, and otherwise reported.
 */
export function numberEquations(tokens: Token[], env: RenderEnv): void {
  const displays = tokens.filter(
    (token) => token.type === 'math_block' && !formulaMeta(token).unclosed,
  );
  for (const token of displays) {
    // On a line of its own: a `%` comment on the last line cannot swallow it.
    if (token.info && !readEquationMarks(token.content).rows.some((row) => row.tag))
      token.content += `\n\\tag{${token.info}}`;
  }
  const marks = new Map<Token, EquationMarks>(
    displays.map((token) => [token, readEquationMarks(token.content)]),
  );
  const byNumber = new Map<string, Equation>();
  const byLabel = new Map<string, Equation>();
  const taken = new Set(
    [...marks.values()].flatMap(({ rows }) =>
      rows.flatMap(({ tag }) => (tag && !restatedNumber(tag.text) ? [tag.text] : [])),
    ),
  );
  const restatements: Restatement[] = [];
  let automatic = 0;

  for (const token of displays) {
    const numbers: RowNumber[] = [];
    const numbered: [RowNumber, Equation][] = [];
    marks.get(token)!.rows.forEach((row, index) => {
      let equation: Equation | undefined;
      const { tag, labels } = row;
      if (tag) {
        const restated =
          restatedNumber(tag.text) ?? (byNumber.has(tag.text) ? tag.text : undefined);
        if (restated !== undefined)
          restatements.push({ token, row: index, number: restated, at: tag.start });
        else equation = { number: tag.text, anchor: anchorFor(tag.text), labels: [] };
      } else if (isNumberedRow(row)) {
        do automatic++;
        while (taken.has(String(automatic)));
        equation = { number: String(automatic), anchor: anchorFor(String(automatic)), labels: [] };
        numbers.push({ row: index, autoTag: equation.number });
      } else if (row.notag && labels.length > 0) {
        env.diagnostics.push(labelWithoutNumber(token, env, labels[0]!));
      }
      if (equation) {
        byNumber.set(equation.number, equation);
        env.equations.push(equation);
        const number = numbers.find((entry) => entry.row === index) ?? { row: index };
        if (!numbers.includes(number)) numbers.push(number);
        numbered.push([number, equation]);
      }
      for (const label of labels) {
        const first = byLabel.get(label.text);
        if (first) {
          env.diagnostics.push({
            ...positionInFormula(place(token, env), label.start),
            severity: 'warning',
            code: 'math/duplicate-label',
            message: `\`\\label{${label.text}}\` is defined twice in this article; references go to the first, (${first.number}).`,
            hint: 'Give each equation a label of its own.',
          });
        } else if (equation) {
          equation.labels.push(label.text);
          byLabel.set(label.text, equation);
        }
      }
    });
    placeAnchors(formulaMeta(token), numbered);
    if (numbers.length > 0) formulaMeta(token).numbering = numbers;
  }

  const inSeries = (env.article.series ?? '').trim() !== '';
  const restatedOutside = new Map<Token, { row: number; number: string }[]>();
  for (const { token, row, number, at } of restatements) {
    const original = byNumber.get(number);
    if (original) {
      numberOfRow(formulaMeta(token), row).tagLink = fragmentFor(original.anchor);
    } else if (inSeries) {
      restatedOutside.set(token, [...(restatedOutside.get(token) ?? []), { row, number }]);
    } else {
      env.diagnostics.push(
        unresolvedRestatement(positionInFormula(place(token, env), at), number, false),
      );
    }
  }

  for (const token of allFormulas(tokens)) {
    resolveFormula(token, env, byLabel, restatedOutside.get(token), inSeries);
  }
  for (const token of tokens) {
    token.children?.forEach((child, index, children) => {
      if (child.type === 'eqref_open')
        resolveProse(child, children[index + 1], env, byNumber, byLabel, inSeries);
    });
  }
}

/** A `\tag` that repeats a number: its display, its row, the number and the offset of the `\tag`. */
interface Restatement {
  token: Token;
  row: number;
  number: string;
  at: number;
}

/**
 * A display with one number carries its anchor on its wrapper (the whole display
 * scrolls into view). With several, each goes on its row's number through `\htmlId`
 * (trusted for exactly these ids by the math engine), so `#eq-2` scrolls to row 2:
 * KaTeX's HTML has no other place for an id inside the formula, and finding the rows
 * in its markup afterwards would depend on how KaTeX lays out a table. An id `\htmlId`
 * cannot carry (`\tag{\dagger}`) falls back to the wrapper, if free.
 */
function placeAnchors(meta: FormulaMeta, numbered: [RowNumber, Equation][]): void {
  if (numbered.length === 1) {
    meta.anchor = numbered[0]![1].anchor;
    return;
  }
  for (const [number, equation] of numbered) {
    if (canAnchorRow(equation.anchor)) number.anchor = equation.anchor;
    else meta.anchor ??= equation.anchor;
  }
}

function numberOfRow(meta: FormulaMeta, row: number): RowNumber {
  meta.numbering ??= [];
  let number = meta.numbering.find((entry) => entry.row === row);
  if (!number) {
    number = { row };
    meta.numbering.push(number);
  }
  return number;
}

function labelWithoutNumber(token: Token, env: RenderEnv, label: TexMark): Diagnostic {
  return {
    ...positionInFormula(place(token, env), label.start),
    severity: 'warning',
    code: 'math/label-without-number',
    message: `\`\\label{${label.text}}\` is on a row with \`\\notag\`, which has no number, so nothing can refer to it.`,
    hint: 'Remove `\\notag` (or `\\nonumber`) to number the row, or move the label to a numbered row.',
  };
}

function* allFormulas(tokens: Token[]): Generator<Token> {
  for (const token of tokens) {
    if (token.type === 'math_block' && !formulaMeta(token).unclosed) yield token;
    for (const child of token.children ?? []) if (isInlineMath(child)) yield child;
  }
}

function place(token: Token, env: RenderEnv) {
  const meta = formulaMeta(token);
  return {
    tex: token.content,
    location: meta.location ?? {
      file: env.article.sourcePath,
      line: env.article.bodyLine,
      column: 1,
    },
    lineColumns: meta.lineColumns,
  };
}

/** `\eqref`/`\ref` inside one formula; labels in inline math number nothing. */
function resolveFormula(
  token: Token,
  env: RenderEnv,
  byLabel: Map<string, Equation>,
  restates: { row: number; number: string }[] | undefined,
  inSeries: boolean,
): void {
  const marks = readEquationMarks(token.content);
  const meta = formulaMeta(token);
  if (token.type !== 'math_block') {
    for (const label of marks.rows.flatMap((row) => row.labels)) {
      env.diagnostics.push({
        ...positionInFormula(place(token, env), label.start),
        severity: 'warning',
        code: 'math/label-in-inline',
        message: `\`\\label{${label.text}}\` in inline math gets no number, so nothing can refer to it.`,
        hint: 'Put the equation in display math (`$$ … $$`) to number it.',
      });
    }
  }
  if (marks.references.length === 0 && restates === undefined) return;

  const references: Record<string, EquationLink> = {};
  const missing: string[] = [];
  for (const reference of marks.references) {
    const equation = byLabel.get(reference.text);
    if (equation)
      references[reference.text] = { number: equation.number, href: fragmentFor(equation.anchor) };
    else if (inSeries) missing.push(reference.text);
    else
      env.diagnostics.push(
        unresolvedLabel(
          positionInFormula(place(token, env), reference.start),
          reference.text,
          false,
        ),
      );
  }
  meta.references = references;
  if (missing.length === 0 && restates === undefined) return;

  const id = env.pendingReferences.length;
  meta.pending = id;
  env.pendingReferences.push({
    id,
    kind: 'formula',
    request: {
      tex: token.content,
      displayMode: token.type !== 'math_inline',
      macros: env.macros,
      location: place(token, env).location,
      ...(meta.lineColumns ? { lineColumns: meta.lineColumns } : {}),
      references,
      ...(meta.numbering ? { numbering: meta.numbering } : {}),
      ...(isInlineMath(token) && env.markdownEscapes ? { markdownEscapes: true } : {}),
    },
    labels: [...new Set(missing)],
    ...(restates !== undefined ? { restates } : {}),
  });
}

/** A reference in prose: `(2.4)` of `式 (2.4)`, or `\eqref{name}`. */
function resolveProse(
  open: Token,
  inner: Token | undefined,
  env: RenderEnv,
  byNumber: Map<string, Equation>,
  byLabel: Map<string, Equation>,
  inSeries: boolean,
): void {
  const meta = open.meta as unknown as ReferenceMeta;
  const { target } = meta;
  const equation =
    target.kind === 'number' ? byNumber.get(target.number) : byLabel.get(target.label);
  if (equation) {
    meta.href = fragmentFor(equation.anchor);
    meta.number = equation.number;
    // `\eqref{name}` shows the number, as in LaTeX.
    if (target.kind === 'label' && inner?.type === 'text') {
      inner.content = target.style === 'eqref' ? `(${equation.number})` : equation.number;
    }
    return;
  }
  if (inSeries) {
    meta.pending = env.pendingReferences.length;
    env.pendingReferences.push(
      target.kind === 'number'
        ? { id: meta.pending, kind: 'number', number: target.number, location: meta.location }
        : {
            id: meta.pending,
            kind: 'label',
            label: target.label,
            style: target.style,
            location: meta.location,
          },
    );
    return;
  }
  if (target.kind === 'label')
    env.diagnostics.push(unresolvedLabel(meta.location, target.label, false));
  // `式 (a)` may be prose about a variable; only a number with a digit is surely a reference.
  else if (/\d/.test(target.number))
    env.diagnostics.push(unresolvedNumber(meta.location, target.number, false));
}

const WHERE = (series: boolean) =>
  series ? 'in this article or the other parts of its series' : 'in this article';

export function unresolvedNumber(
  location: SourceLocation,
  number: string,
  series: boolean,
): Diagnostic {
  return {
    ...location,
    severity: 'warning',
    code: 'math/unresolved-reference',
    message: `There is no equation (${number}) ${WHERE(series)}, so this reference is not a link.`,
    hint: `Check the number, or number the equation with \`\\tag{${number}}\`.`,
  };
}

export function unresolvedLabel(
  location: SourceLocation,
  label: string,
  series: boolean,
): Diagnostic {
  return {
    ...location,
    severity: 'warning',
    code: 'math/unresolved-reference',
    message: `No equation has \`\\label{${label}}\` ${WHERE(series)}, so \`\\eqref{${label}}\` shows (??).`,
    hint: 'Check the spelling of the label, or add `\\label{…}` to the equation.',
  };
}

export function unresolvedRestatement(
  location: SourceLocation,
  number: string,
  series: boolean,
): Diagnostic {
  return {
    ...location,
    severity: 'warning',
    code: 'math/unresolved-restatement',
    message: `This restates equation (${number}), but there is no equation (${number}) ${WHERE(series)}.`,
    hint: `Check the number in \`\\tag{…}\`, or number the original equation with \`\\tag{${number}}\`.`,
  };
}
