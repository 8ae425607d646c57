import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { woff2Only } from '../util/index.js';

/**
 * The part of KaTeX's stylesheet a page needs, to go inline in its `<head>` (issue 21).
 * Linked, `katex.min.css` (25 KB) blocked the first paint for a round trip of its own, and
 * most of it styles what a page never shows (arrows, boxes, sizes, fonts it does not use).
 *
 * A rule is kept when one of its selectors names only classes the page uses; classes
 * inside `:not(…)` need not be there. An `@font-face` is kept when a kept rule names its
 * family: the browser only downloads a face a character is drawn in, so the others would
 * cost bytes only. The result is as correct as the class list: every class KaTeX writes
 * into the page's HTML must be in it.
 */
export interface KatexStylesheet {
  rules: KatexRule[];
  faces: { family: string; text: string }[];
}

interface KatexRule {
  text: string;
  /** Per selector, the classes it needs; a selector that needs none always applies. */
  selectors: string[][];
  /** The KaTeX font families its declarations name. */
  families: string[];
}

const CLASS_NAME = /\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)/g;
const FAMILY = /KaTeX_[A-Za-z0-9]+/g;

export function parseKatexStylesheet(css: string): KatexStylesheet {
  const sheet: KatexStylesheet = { rules: [], faces: [] };
  for (const { prelude, text } of topLevelBlocks(css)) {
    if (prelude.startsWith('@font-face')) {
      const family = /font-family:\s*([^;}]+)/.exec(text)?.[1]?.trim();
      if (family) sheet.faces.push({ family, text });
      continue;
    }
    const selectors = prelude
      .split(',')
      .map((selector) => [
        ...new Set(
          [...selector.replace(/:not\([^)]*\)/g, '').matchAll(CLASS_NAME)].map(
            (match) => match[1]!,
          ),
        ),
      ]);
    const declarations = text.slice(prelude.length);
    sheet.rules.push({ text, selectors, families: [...new Set(declarations.match(FAMILY))] });
  }
  return sheet;
}

/**
 * The rules and font faces of `sheet` that a page with these classes needs, in KaTeX's
 * order (faces first, as KaTeX has them), with the fonts' URLs made absolute: inline, a
 * relative URL would be read against the page's address.
 */
export function katexStylesFor(
  sheet: KatexStylesheet,
  classes: ReadonlySet<string>,
  fontsUrl: string,
): string {
  const rules = sheet.rules.filter((rule) =>
    rule.selectors.some((needs) => needs.every((name) => classes.has(name))),
  );
  const families = new Set(rules.flatMap((rule) => rule.families));
  const faces = sheet.faces.filter((face) => families.has(face.family));
  return [
    ...faces.map((face) => face.text.replace(/url\(fonts\//g, `url(${fontsUrl}`)),
    ...rules.map((rule) => rule.text),
  ].join('');
}

let katexSheet: KatexStylesheet | undefined;

/**
 * KaTeX's own stylesheet, read once from the installed package, woff2 only (the fonts
 * `output/` copies). It is part of KaTeX like its code: its version is in every cache key.
 */
export function katexStylesheet(): KatexStylesheet {
  katexSheet ??= parseKatexStylesheet(
    woff2Only(
      readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8'),
    ),
  );
  return katexSheet;
}

/** `prelude{…}` blocks at the top level of a minified stylesheet, braces inside strings ignored. */
function topLevelBlocks(css: string): { prelude: string; text: string }[] {
  const blocks: { prelude: string; text: string }[] = [];
  let start = 0;
  let depth = 0;
  let quote = '';
  for (let i = 0; i < css.length; i++) {
    const char = css[i]!;
    if (quote !== '') {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '{') {
      depth++;
    } else if (char === '}' && --depth === 0) {
      const text = css.slice(start, i + 1).trim();
      blocks.push({ prelude: text.slice(0, text.indexOf('{')).trim(), text });
      start = i + 1;
    }
  }
  return blocks;
}
