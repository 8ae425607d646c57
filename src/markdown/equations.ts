import type { Token } from 'markdown-it';
import type { Diagnostic } from '../diagnostics/index.js';
import {
  positionInFormula,
  readEquationMarks,
  type EquationLink,
  type EquationMarks,
  type SourceLocation,
} from '../math/index.js';
import type { ReferenceMeta, RenderEnv } from './env.js';
import { formulaMeta } from './env.js';
import { isInlineMath } from './rules/math.js';
import type { Equation } from './types.js';

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
    if (token.info && !readEquationMarks(token.content).tag)
      token.content += `\n\\tag{${token.info}}`;
  }
  const marks = new Map<Token, EquationMarks>(
    displays.map((token) => [token, readEquationMarks(token.content)]),
  );
  const byNumber = new Map<string, Equation>();
  const byLabel = new Map<string, Equation>();
  const taken = new Set(
    [...marks.values()].flatMap(({ tag }) => (tag && !restatedNumber(tag.text) ? [tag.text] : [])),
  );
  const restatements: [Token, string][] = [];
  let automatic = 0;

  for (const token of displays) {
    const { tag, labels } = marks.get(token)!;
    const meta = formulaMeta(token);
    let equation: Equation | undefined;
    if (tag) {
      const restated = restatedNumber(tag.text) ?? (byNumber.has(tag.text) ? tag.text : undefined);
      if (restated !== undefined) restatements.push([token, restated]);
      else equation = { number: tag.text, anchor: anchorFor(tag.text), labels: [] };
    } else if (labels.length > 0) {
      do automatic++;
      while (taken.has(String(automatic)));
      meta.autoTag = String(automatic);
      equation = { number: meta.autoTag, anchor: anchorFor(meta.autoTag), labels: [] };
    }
    if (equation) {
      meta.anchor = equation.anchor;
      byNumber.set(equation.number, equation);
      env.equations.push(equation);
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
  }

  const inSeries = (env.article.series ?? '').trim() !== '';
  const restatedOutside = new Map<Token, string>();
  for (const [token, number] of restatements) {
    const original = byNumber.get(number);
    if (original) formulaMeta(token).tagLink = fragmentFor(original.anchor);
    else if (inSeries) restatedOutside.set(token, number);
    else env.diagnostics.push(unresolvedRestatement(place(token, env).location, number, false));
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
  restates: string | undefined,
  inSeries: boolean,
): void {
  const marks = readEquationMarks(token.content);
  const meta = formulaMeta(token);
  if (token.type !== 'math_block') {
    for (const label of marks.labels) {
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
      ...(meta.autoTag !== undefined ? { autoTag: meta.autoTag } : {}),
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
