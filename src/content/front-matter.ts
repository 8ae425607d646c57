import matter from 'gray-matter';
import { positionAt, readYamlMapping, type YamlMapping } from '../config/index.js';
import type { Diagnostic } from '../diagnostics/index.js';

const OPEN = '---';

export interface FrontMatter {
  /** `none`: the file does not start with `---`. */
  kind: 'none' | 'empty' | 'mapping';
  mapping?: YamlMapping;
  /** Line of the closing `---` (1 without front matter): where a missing key is reported. */
  closingLine: number;
  body: string;
  bodyLine: number;
}

export type FrontMatterSplit = { frontMatter?: FrontMatter; diagnostics: Diagnostic[] };

/** Split `text` (BOM removed, `\n` line endings) into its YAML front matter and Markdown body. */
export function splitFrontMatter(text: string, file: string): FrontMatterSplit {
  const language = matter.language(text).name;
  if (opens(text) && language !== '' && !['yaml', 'yml'].includes(language.toLowerCase())) {
    return { diagnostics: [notYaml(file, language)] };
  }

  let parsed: { mapping?: YamlMapping; diagnostics: Diagnostic[] } | undefined;
  const readYaml = (yamlText: string) => {
    // The YAML is the text between the delimiters, and it begins with the newline that ends
    // the `---` line, so its first occurrence after `---` is where it really starts.
    const start = text.indexOf(yamlText, OPEN.length);
    const region = {
      file,
      fileText: text,
      start,
      end: start + yamlText.length,
      codePrefix: 'front-matter',
      name: 'the front matter',
    };
    parsed = readYamlMapping(region);
    return parsed.mapping?.data ?? {};
  };
  // An options object keeps gray-matter from caching by content; the engines replace js-yaml
  // with `yaml` (positions) and refuse `---js` front matter, which gray-matter would `eval`.
  const split = matter(text, {
    engines: { yaml: readYaml, javascript: refuseJavaScript },
  });

  if (!opens(text)) {
    return {
      frontMatter: { kind: 'none', closingLine: 1, body: text, bodyLine: 1 },
      diagnostics: [],
    };
  }
  const yamlStart = text.indexOf(split.matter, OPEN.length);
  const closeAt = yamlStart + split.matter.length + 1;
  if (!text.startsWith(OPEN, closeAt)) return { diagnostics: [unclosed(file)] };
  if (parsed && !parsed.mapping) return { diagnostics: parsed.diagnostics };

  const bodyStart = text.length - split.content.length;
  return {
    frontMatter: {
      kind: parsed?.mapping ? 'mapping' : 'empty',
      ...(parsed?.mapping ? { mapping: parsed.mapping } : {}),
      closingLine: positionAt(text, closeAt).line,
      body: split.content,
      bodyLine: positionAt(text, bodyStart).line,
    },
    diagnostics: parsed?.diagnostics ?? [],
  };
}

/** gray-matter's rule: `---` at the very start, not followed by another `-`. */
function opens(text: string): boolean {
  return text.startsWith(OPEN) && text.charAt(OPEN.length) !== '-';
}

function refuseJavaScript(): object {
  return {};
}

function notYaml(file: string, language: string): Diagnostic {
  return {
    file,
    line: 1,
    column: OPEN.length + 1,
    severity: 'error',
    code: 'front-matter/language',
    message: `Front matter must be YAML, but it is marked as \`${language}\``,
    hint: 'Start the file with a line containing only `---`.',
  };
}

function unclosed(file: string): Diagnostic {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    code: 'front-matter/unclosed',
    message: 'The front matter that starts on line 1 is never closed',
    hint: 'End the front matter with a line containing only `---`, before the article text.',
  };
}
