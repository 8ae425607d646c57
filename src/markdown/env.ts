import type { Env } from 'markdown-it';
import type { Article } from '../content/types.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { MathEngine } from '../math/index.js';
import type { Equation } from './types.js';

/**
 * Everything one article's render needs and collects. markdown-it hands `env` to every
 * rule and renderer, so per-article state lives here and never in the module.
 */
export interface RenderEnv extends Env {
  article: Article;
  macros: Readonly<Record<string, string>>;
  math: MathEngine;
  sourceLines: readonly string[];
  diagnostics: Diagnostic[];
  equations: Equation[];
  formulaCount: number;
}
