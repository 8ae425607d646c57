import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { listFiles } from './file-tree.js';

/**
 * html-validate's recommended rules, with only these changes:
 * - `no-inline-style` off: KaTeX places every glyph with inline `style` (heights, struts,
 *   vertical-align); there is no KaTeX output without it.
 * - `doctype-style` off: `<!doctype html>` in lower case is valid HTML (the WHATWG
 *   spec's own examples write it so); which case to use is a matter of taste.
 * - `valid-id` relaxed: HTML allows any id without spaces. Equation anchors are
 *   `eq-2.4` (the documented `#eq-2.4` URLs) and heading ids keep Japanese text and may
 *   start with a digit (`1-回目の検査`); the strict form wants `[A-Za-z][\w-]*`.
 * - `aria-label-misuse` with `allowAnyNamable`: the tag list is a `<ul aria-label="タグ">`;
 *   a list may be named (ARIA "name from author"), which the rule allows with this option.
 */
export const HTML_VALIDATE_CONFIG: ConfigData = {
  root: true,
  extends: ['html-validate:recommended'],
  rules: {
    'no-inline-style': 'off',
    'doctype-style': 'off',
    'valid-id': ['error', { relaxed: true }],
    'aria-label-misuse': ['error', { allowAnyNamable: true }],
  },
};

/** Every error html-validate finds in the `.html` files under `outDir`, as `file:line:col rule: message`. */
export async function htmlErrors(
  outDir: string,
  options: {
    /** Pages not to validate (huge ones). */
    skip?: (file: string) => boolean;
    /** Rules whose findings are about what the author wrote, not the markup: `long-title`. */
    ignoreRules?: readonly string[];
  } = {},
): Promise<string[]> {
  const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);
  const errors: string[] = [];
  const pages = (await listFiles(outDir)).filter((f) => f.endsWith('.html') && !options.skip?.(f));
  for (const file of pages) {
    const text = await readFile(path.join(outDir, file), 'utf8');
    const report = await validator.validateString(text, file);
    for (const result of report.results) {
      for (const m of result.messages) {
        if (m.severity !== 2 || options.ignoreRules?.includes(m.ruleId)) continue;
        errors.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
  }
  return errors;
}
