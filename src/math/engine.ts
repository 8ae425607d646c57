import katex from 'katex';
import type { Diagnostic } from '../diagnostics/index.js';
import { applyEdits, withoutOverlaps } from './edits.js';
import { numberFormula, readEquationMarks, withRowTags } from './equation-marks.js';
import { escapeHtml } from '../util/index.js';
import { errorBox } from './error-box.js';
import { internalFailure, katexFailure, type Problem } from './failures.js';
import { isJapaneseLeftAsWritten, japaneseTextEdits } from './japanese.js';
import { markdownEscapeEdits } from './markdown-escapes.js';
import { KATEX_OPTIONS, MAX_NESTING, MAX_TEX_LENGTH } from './katex-options.js';
import { disabledCommand, lintFormula } from './lint.js';
import { scanCommands } from './tex.js';
import { positionInFormula } from './position.js';
import type { FormulaRequest } from '../model/index.js';
import type { RenderedFormula } from './types.js';

/** What rendering a TeX string produced, independent of where the formula stands. */
interface Rendering {
  html: string;
  ok: boolean;
  problems: Problem[];
}

export interface MathEngine {
  render(request: FormulaRequest): RenderedFormula;
  /** Distinct formulas rendered so far (for the build summary and the bench). */
  readonly distinctFormulas: number;
}

/**
 * One engine per build (or per worker). Identical formulas under identical macros
 * and references are rendered once; every occurrence still gets its own located
 * diagnostics. Results are plain data, so they can be cached on disk or sent between
 * threads.
 */
export function createMathEngine(): MathEngine {
  const renderings = new RenderingCache();
  let distinct = 0;
  return {
    render(request) {
      const key = cacheKey(request);
      let rendering = renderings.get(key);
      if (!rendering) {
        rendering = renderSafely(request);
        rendering.html = flatten(rendering.html);
        renderings.set(key, rendering);
        distinct++;
      }
      return locate(rendering, request);
    },
    get distinctFormulas() {
      return distinct;
    },
  };
}

/** Formulas kept per engine before the least recently used half is dropped. */
const KEPT_FORMULAS = 20_000;

/**
 * Two generations: a hit in the old one moves the formula to the new one, and when the
 * new one is full the old one is dropped. Formulas repeated across a site (`x`, `f(x)`)
 * stay; memory stays bounded on a site with hundreds of thousands of distinct formulas.
 */
class RenderingCache {
  private recent = new Map<string, Rendering>();
  private older = new Map<string, Rendering>();

  get(key: string): Rendering | undefined {
    const hit = this.recent.get(key);
    if (hit) return hit;
    const old = this.older.get(key);
    if (old) this.set(key, old);
    return old;
  }

  set(key: string, rendering: Rendering): void {
    if (this.recent.size >= KEPT_FORMULAS / 2) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, rendering);
  }
}

/**
 * KaTeX builds its output by concatenation: the string is a rope of thousands of
 * pieces, about ten times the size of its text. A kept formula is copied flat once
 * (measured: 24,000 formulas took 680 MB as ropes, about 70 MB flat).
 */
function flatten(html: string): string {
  return (' ' + html).slice(1);
}

function cacheKey({
  tex,
  displayMode,
  macros,
  references,
  numbering,
  markdownEscapes,
}: FormulaRequest): string {
  const numbers = JSON.stringify([references ?? null, numbering ?? null, markdownEscapes ?? false]);
  return `${displayMode ? 'D' : 'I'}\u0000${JSON.stringify(macros)}\u0000${numbers}\u0000${tex}`;
}

/** One formula never stops the build: whatever throws becomes its error box and diagnostic. */
function renderSafely(request: FormulaRequest): Rendering {
  try {
    return renderTex(request);
  } catch (error) {
    return failed(request.tex, request.displayMode, internalFailure(error));
  }
}

/**
 * Author's TeX → our edits (labels, references, numbers, Japanese as text) → KaTeX.
 * Problems are reported at offsets in the author's TeX, and the MathML annotation
 * shows the author's TeX, not ours.
 */
function renderTex(request: FormulaRequest): Rendering {
  const { tex, displayMode } = request;
  const tooComplex = complexityProblem(tex);
  if (tooComplex) return failed(tex, displayMode, tooComplex);

  const numbering = numberFormula(tex, readEquationMarks(tex), request);
  const ours = [...numbering.edits, ...japaneseTextEdits(tex)];
  const escapes = request.markdownEscapes ? markdownEscapeEdits(tex) : [];
  const edited = applyEdits(tex, [...ours, ...withoutOverlaps(escapes, ours)]);
  const refused = new Set<string>();
  const warnings = new Map<string, Problem>();

  let html: string;
  try {
    html = katex.renderToString(edited.text, {
      ...KATEX_OPTIONS,
      displayMode,
      // KaTeX writes \gdef definitions into this object: a copy keeps them inside this formula.
      macros: { ...request.macros },
      trust: (context) => {
        // Only what numbering wrote is trusted: `\href` to exactly its equation links,
        // `\htmlId` with exactly its row anchors (see `numberFormula`).
        if (context.command === '\\href' && numbering.links.has(context.url)) return true;
        if (context.command === '\\htmlId' && numbering.ids.has(context.id)) return true;
        refused.add(context.command);
        return false;
      },
      strict: (code: string, message: string) => {
        // The first of a kind is enough: one per character of a word is noise.
        if (!warnings.has(code) && code !== 'htmlExtension' && !leftAsWritten(tex, code, message))
          warnings.set(code, katexWarning(tex, code, message));
        return 'ignore';
      },
    });
  } catch (error) {
    if (error instanceof katex.ParseError) {
      const parseError = error as katex.ParseError & { rawMessage?: string; position?: number };
      const raw = parseError.rawMessage ?? parseError.message;
      let offset = parseError.position === undefined ? 0 : edited.toSource(parseError.position);
      // KaTeX notices a missing `}` at the end of the formula; the author needs the `{` it belongs to.
      if (/Expected '\}'|Unexpected end of input/.test(raw)) offset = unclosedBrace(tex) ?? offset;
      return failed(tex, displayMode, {
        offset,
        severity: 'error',
        code: 'math/katex-error',
        message: `${plainMessage(raw)} (KaTeX: ${raw})`,
        hint: hintFor(raw),
      });
    }
    // KaTeX recurses once per nesting level; a pathological formula overflows the stack.
    if (error instanceof RangeError) return failed(tex, displayMode, nestedTooDeeply(0));
    return failed(tex, displayMode, katexFailure(error));
  }

  html = withRowTags(html, numbering.rowTags);
  if (numbering.links.size > 0) html = withUnfocusableVisualLinks(html);
  if (edited.text !== tex) html = withAnnotation(html, tex);
  const problems = [...warnings.values()];
  // Written in the formula, `\href` & co. are reported by the lint at their place; from a macro, here.
  const written = new Set(scanCommands(tex).map((command) => command.name));
  for (const name of refused) {
    if (!written.has(name)) problems.push({ offset: 0, ...disabledCommand(name) });
  }
  return { html, ok: true, problems };
}

/** Offset of the last `{` that is never closed, if any. */
function unclosedBrace(tex: string): number | undefined {
  const open: number[] = [];
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\') i++;
    else if (char === '%') i = tex.indexOf('\n', i) === -1 ? tex.length : tex.indexOf('\n', i);
    else if (char === '{') open.push(i);
    else if (char === '}') open.pop();
  }
  return open.pop();
}

function failed(tex: string, displayMode: boolean, problem: Problem): Rendering {
  return { html: errorBox(tex, displayMode, problem.message), ok: false, problems: [problem] };
}

/** KaTeX has no time limit of its own: refuse what would take long before starting. */
function complexityProblem(tex: string): Problem | undefined {
  if (tex.length > MAX_TEX_LENGTH) {
    return {
      offset: 0,
      severity: 'error',
      code: 'math/too-complex',
      message: `This formula is ${tex.length} characters long; a formula may have at most ${MAX_TEX_LENGTH}.`,
      hint: 'Split it into several formulas.',
    };
  }
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    if (depth > MAX_NESTING) return nestedTooDeeply(i);
  }
  return undefined;
}

function nestedTooDeeply(offset: number): Problem {
  return {
    offset,
    severity: 'error',
    code: 'math/too-complex',
    message: `This formula nests groups more than ${MAX_NESTING} levels deep, too deep to typeset.`,
    hint: 'Check for a runaway macro or a missing `}`; otherwise split the formula.',
  };
}

const VISUAL_HTML = '<span class="katex-html" aria-hidden="true">';

/**
 * Screen readers read a formula from its MathML; KaTeX's HTML is hidden from them, so
 * a link in it (an `\eqref`, a restated number) must not take keyboard focus either: it
 * would be a tab stop that says nothing (axe's aria-hidden-focus). A click still follows
 * it; keyboard and screen reader users get the number as text, and the prose around.
 */
function withUnfocusableVisualLinks(html: string): string {
  const visual = html.indexOf(VISUAL_HTML);
  if (visual === -1) return html;
  return html.slice(0, visual) + html.slice(visual).replaceAll('<a ', '<a tabindex="-1" ');
}

/** KaTeX's MathML carries the TeX it was given; readers who copy it should get the author's. */
function withAnnotation(html: string, tex: string): string {
  return html.replace(
    /(<annotation encoding="application\/x-tex">)[\s\S]*?(<\/annotation>)/,
    (_match, open: string, close: string) => `${open}${escapeHtml(tex)}${close}`,
  );
}

/** `\operatorname{最大}`: Japanese we leave in math mode on purpose is not worth a warning. */
function leftAsWritten(tex: string, code: string, message: string): boolean {
  const character = /character "(.+?)"/.exec(message)?.[1];
  return code === 'unicodeTextInMathMode' && !!character && isJapaneseLeftAsWritten(tex, character);
}

function katexWarning(tex: string, code: string, message: string): Problem {
  const character = /character "(.+?)"/.exec(message)?.[1];
  const offset = character ? Math.max(0, tex.indexOf(character)) : 0;
  if (code === 'unicodeTextInMathMode' || code === 'unknownSymbol') {
    return {
      offset,
      severity: 'warning',
      code: `math/katex-${code}`,
      message: `"${character ?? '?'}" is set in math mode, where KaTeX has no proper font for it (KaTeX: ${message}).`,
      hint: 'Put words in `\\text{…}`, or use the TeX command for the symbol.',
    };
  }
  if (code === 'newLineInDisplayMode') {
    return {
      offset,
      severity: 'warning',
      code: `math/katex-${code}`,
      message: '`\\\\` does nothing in display math outside an environment: the lines are joined.',
      hint: 'Put the lines in `\\begin{aligned} … \\end{aligned}` or `\\begin{gathered} … \\end{gathered}`.',
    };
  }
  return {
    offset,
    severity: 'warning',
    code: `math/katex-${code}`,
    message: `KaTeX: ${message}`,
    hint: 'The formula renders, but not as LaTeX would. Rewrite it the standard way.',
  };
}

/** KaTeX's messages, said plainly. */
function plainMessage(raw: string): string {
  const undefinedCommand = /^Undefined control sequence: (\S+)/.exec(raw);
  if (undefinedCommand) return `Unknown command \`${undefinedCommand[1]}\`.`;
  const environment = /^No such environment: (\S+)/.exec(raw);
  if (environment) return `Unknown environment \`${environment[1]}\`.`;
  if (/got '&'/.test(raw)) return '`&` outside an alignment environment.';
  if (/Expected '\\right'/.test(raw)) return '`\\left` without a matching `\\right`.';
  if (/Expected '\}'|Unexpected end of input/.test(raw)) return 'A `{` is never closed.';
  if (/Extra \}|got '\}'/.test(raw)) return 'A `}` closes nothing.';
  if (/Too many expansions/.test(raw))
    return 'Macros expand too many times: a macro that calls itself, or a macro bomb.';
  if (/Multiple \\tag/.test(raw)) return 'An equation can have only one `\\tag`.';
  if (/\\tag works only in display/.test(raw)) return '`\\tag` works only in display math.';
  return 'This formula cannot be typeset.';
}

function hintFor(message: string): string {
  if (/Undefined control sequence/.test(message)) {
    return 'Check the spelling of the command, or define it under `macros` in the front matter or the site config.';
  }
  if (/Too many expansions/.test(message)) {
    return 'A macro expands into itself. Check the definitions used by this formula.';
  }
  if (/got '&'/.test(message)) {
    return 'Put the rows in `\\begin{aligned} … \\end{aligned}`, or write `\\&` for an ampersand sign.';
  }
  if (/\\left|\\right/.test(message)) {
    return 'Every `\\left` needs a `\\right` in the same formula and row (use `\\right.` for an invisible one).';
  }
  if (/Expected '\}'|Expected group|Unexpected end of input/.test(message)) {
    return 'A brace is not closed. Count the `{` and `}` in this formula.';
  }
  if (/\\tag/.test(message)) {
    return 'Number a display with one `\\tag{…}`, or give it a `\\label{…}` for an automatic number.';
  }
  return 'Fix the TeX in this formula; the page shows it as a red box until then.';
}

function locate(rendering: Rendering, request: FormulaRequest): RenderedFormula {
  const at = (offset: number) => positionInFormula(request, offset);
  const diagnostics: Diagnostic[] = rendering.problems.map(({ offset, ...problem }) => ({
    ...at(offset),
    ...problem,
  }));
  try {
    diagnostics.push(
      ...lintFormula(
        { tex: request.tex, displayMode: request.displayMode, macros: request.macros },
        { at },
      ),
    );
  } catch (error) {
    const { offset, ...problem } = internalFailure(error);
    diagnostics.push({ ...at(offset), ...problem });
  }
  return { html: rendering.html, ok: rendering.ok, diagnostics };
}
