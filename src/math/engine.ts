import katex from 'katex';
import type { Diagnostic } from '../diagnostics/index.js';
import { errorBox } from './error-box.js';
import { KATEX_OPTIONS } from './katex-options.js';
import type { FormulaRequest, RenderedFormula, SourceLocation } from './types.js';

/** What rendering a TeX string produced, independent of where the formula stands. */
interface Rendering {
  html: string;
  error?: { message: string; position?: number };
  warnings: { code: string; message: string }[];
}

export interface MathEngine {
  render(request: FormulaRequest): RenderedFormula;
  /** Distinct formulas rendered so far (for the build summary and the bench). */
  readonly distinctFormulas: number;
}

/**
 * One engine per build (or per worker). Identical formulas under identical macros
 * are rendered once; every occurrence still gets its own located diagnostics.
 */
export function createMathEngine(): MathEngine {
  const renderings = new Map<string, Rendering>();
  return {
    render(request) {
      const key = cacheKey(request);
      let rendering = renderings.get(key);
      if (!rendering) {
        rendering = renderTex(request.tex, request.displayMode, request.macros);
        renderings.set(key, rendering);
      }
      return locate(rendering, request);
    },
    get distinctFormulas() {
      return renderings.size;
    },
  };
}

function cacheKey({ tex, displayMode, macros }: FormulaRequest): string {
  return `${displayMode ? 'D' : 'I'}\u0000${JSON.stringify(macros)}\u0000${tex}`;
}

function renderTex(tex: string, displayMode: boolean, macros: Readonly<Record<string, string>>): Rendering {
  const warnings: Rendering['warnings'] = [];
  try {
    const html = katex.renderToString(tex, {
      ...KATEX_OPTIONS,
      displayMode,
      // KaTeX writes \gdef definitions into this object: a copy keeps them inside this formula.
      macros: { ...macros },
      strict: (code: string, message: string) => {
        warnings.push({ code, message });
        return 'ignore';
      },
    });
    return { html, warnings };
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error;
    const parseError = error as katex.ParseError & { rawMessage?: string; position?: number };
    const message = parseError.rawMessage ?? parseError.message;
    return {
      html: errorBox(tex, displayMode, message),
      error: { message, position: parseError.position },
      warnings,
    };
  }
}

function locate(rendering: Rendering, request: FormulaRequest): RenderedFormula {
  const diagnostics: Diagnostic[] = rendering.warnings.map((warning) => ({
    ...request.location,
    severity: 'warning',
    code: `math/katex-${warning.code}`,
    message: `KaTeX: ${warning.message}`,
    hint: 'The formula renders, but not as LaTeX would. Rewrite it the standard way.',
  }));
  if (rendering.error) {
    diagnostics.push({
      ...positionIn(request.tex, request.location, rendering.error.position),
      severity: 'error',
      code: 'math/katex-error',
      message: `KaTeX cannot render this formula: ${rendering.error.message}`,
      hint: hintFor(rendering.error.message),
    });
  }
  return { html: rendering.html, ok: !rendering.error, diagnostics };
}

/** Move the location to KaTeX's error position inside the formula, across its line breaks. */
function positionIn(tex: string, start: SourceLocation, position: number | undefined): SourceLocation {
  if (position === undefined || position < 0) return start;
  const before = tex.slice(0, position);
  const lastBreak = before.lastIndexOf('\n');
  if (lastBreak === -1) return { ...start, column: start.column + position };
  const lines = before.split('\n').length - 1;
  return { file: start.file, line: start.line + lines, column: position - lastBreak };
}

function hintFor(message: string): string {
  if (/Undefined control sequence/.test(message)) {
    return 'Check the spelling of the command, or define it under `macros` in the front matter or the site config.';
  }
  if (/Too many expansions/.test(message)) {
    return 'A macro expands into itself. Check the definitions used by this formula.';
  }
  if (/Expected '\}'|Expected group|Unexpected end of input/.test(message)) {
    return 'A brace is not closed. Count the `{` and `}` in this formula.';
  }
  if (/\\left|\\right/.test(message)) {
    return 'Every `\\left` needs a `\\right` in the same formula (use `\\right.` for an invisible one).';
  }
  return 'Fix the TeX in this formula; the page shows it as a red box until then.';
}
