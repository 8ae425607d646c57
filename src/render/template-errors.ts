import { LiquidError, ParseError, TokenizationError } from 'liquidjs';
import type { Diagnostic } from '../diagnostics/index.js';
import type { TemplateSources } from './templates.js';

export interface TemplateErrorContext {
  sources: TemplateSources;
  /** Folder the templates came from, as the user would type it. */
  sourceDir: string;
  /** Template being rendered when the error arose, when nothing better is known. */
  fallbackName: string;
}

/** A LiquidJS error as a diagnostic at the template line it points to; other errors are our bugs and are rethrown. */
export function templateDiagnostic(error: unknown, context: TemplateErrorContext): Diagnostic {
  if (!LiquidError.is(error)) throw error;
  const syntax = error instanceof ParseError || error instanceof TokenizationError;
  const message = rawMessage(error);
  const [line = 1, column = 1] = error.token.getPosition();
  return {
    file: `${context.sourceDir}/${templateName(error, context)}`,
    line,
    column,
    severity: 'error',
    code: syntax ? 'template/syntax' : 'template/render',
    message: `${syntax ? 'Template syntax error' : 'Template error'}: ${message}`,
    hint: hintFor(message, syntax),
  };
}

/**
 * LiquidJS names the file on tag tokens but not on the tokens of a variable
 * inside an output, so the file is found by its text, which every token keeps.
 */
function templateName(error: LiquidError, { sources, fallbackName }: TemplateErrorContext): string {
  if (error.token.file) return error.token.file;
  const byText = Object.keys(sources).find((name) => sources[name] === error.token.input);
  return byText ?? fallbackName;
}

// LiquidJS appends `, file:…, line:…, col:…` to its messages; the diagnostic carries those itself.
function rawMessage(error: LiquidError): string {
  return error.message.replace(/(, file:.*?)?, line:\d+, col:\d+$/, '');
}

function hintFor(message: string, syntax: boolean): string {
  if (/^undefined variable/.test(message)) {
    return 'Templates see only site, page and, by page kind, article, articles, pagination, tag, author, series (src/render/model.ts); test an optional field with {% if … %} before using it.';
  }
  if (/^undefined filter/.test(message)) {
    return 'Use one of the LiquidJS built-in filters (https://liquidjs.com/filters/overview.html); trusted HTML is output with | raw.';
  }
  if (/^ENOENT/.test(message)) {
    return "Layouts and partials are named by their path under the templates folder, e.g. {% layout 'layouts/base.liquid' %}.";
  }
  if (/^tag "end\w+" not found/.test(message)) {
    return 'An {% if %}, {% for %} or other block tag above this line is not closed: add its {% end… %}.';
  }
  if (/^tag "\w+" not found/.test(message)) {
    return 'No such tag: check its spelling against the LiquidJS tags (https://liquidjs.com/tags/overview.html).';
  }
  if (/not closed/.test(message)) {
    return 'Close every {{ … }} and {% … %}, and end each block tag ({% if %}, {% for %}, {% block %}) with its {% end… %}.';
  }
  return syntax
    ? 'Check the Liquid syntax at this position (https://liquidjs.com/tutorials/intro-to-liquid.html).'
    : 'Check the expression at this position against the data the template receives (src/render/model.ts).';
}
