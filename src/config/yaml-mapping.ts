import { isMap, isNode, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import type { Diagnostic } from '../diagnostics/index.js';
import type { SourcePosition } from '../model/index.js';

/**
 * A YAML mapping validated against a table of fields, with every diagnostic located in the
 * file that holds it. Shared by the site config and article front matter.
 */

export type YamlPath = readonly PropertyKey[];

/** YAML text inside a file: a whole config file, or the front matter of an article. */
export interface YamlRegion {
  file: string;
  /** The whole file, BOM removed and line endings normalised, so offsets map to lines. */
  fileText: string;
  start: number;
  end: number;
  /** Prefix of every diagnostic code: `config`, `front-matter`. */
  codePrefix: string;
  /** How messages name the mapping: "the site config", "the front matter". */
  name: string;
}

export interface YamlMapping {
  region: YamlRegion;
  document: Document.Parsed;
  /** The mapping as plain data, keys as strings. */
  data: Record<string, unknown>;
}

/** What a valid value of a field is, for messages and hints. */
export interface FieldRule {
  /** Follows "must be": `a list of strings`. */
  expected: string;
  /** A correct line to copy: `tags: [解析, 微分]`. */
  example: string;
}

/** Rules by path; `*` matches any list index or map key: `menu.*.url`. */
export type FieldRules = Record<string, FieldRule>;

type Result = { mapping?: YamlMapping; diagnostics: Diagnostic[] };

export function readYamlMapping(region: YamlRegion): Result {
  const yamlText = region.fileText.slice(region.start, region.end);
  const document = parseDocument(yamlText, { prettyErrors: false });
  const [syntaxError] = document.errors;
  // Later YAML errors are almost always knock-on effects of the first one.
  if (syntaxError) {
    const offset = errorOffset(yamlText, syntaxError.pos[0], syntaxError.message);
    return { diagnostics: [yamlError(region, offset, syntaxError.message, syntaxError.code)] };
  }
  const contents = document.contents;
  if (contents === null) return { mapping: { region, document, data: {} }, diagnostics: [] };
  if (!isMap(contents)) {
    return { diagnostics: [notAMapping(region, contents)] };
  }
  try {
    const data = document.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    return { mapping: { region, document, data }, diagnostics: [] };
  } catch (error) {
    // Unresolved or exploding aliases only surface when the document is converted.
    const message = error instanceof Error ? error.message : String(error);
    return { diagnostics: [yamlError(region, contents.range[0], message, 'BAD_ALIAS')] };
  }
}

/** 1-based line and column of `offset` in `text`; columns count UTF-16 code units, as editors do. */
export function positionAt(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  let line = 1;
  for (const char of before) if (char === '\n') line++;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * Where the value (or key) at `path` starts in the file. A path that goes deeper than the
 * YAML (a tag string turned into a one-item list) is located at the deepest node that exists.
 */
export function locate(
  mapping: YamlMapping,
  path: YamlPath,
  part: 'key' | 'value' = 'value',
): SourcePosition {
  let current: unknown = mapping.document.contents;
  let found: Node | undefined = isNode(current) ? current : undefined;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(current)) {
      const pair = current.items.find((item) => keyText(item.key) === String(segment));
      if (!pair) break;
      const key = isNode(pair.key) ? pair.key : undefined;
      const value = isNode(pair.value) && !isEmptyScalar(pair.value) ? pair.value : undefined;
      found = (last && part === 'key' ? key : (value ?? key)) ?? found;
      current = pair.value;
    } else if (isSeq(current)) {
      const item = current.items[Number(segment)];
      if (!isNode(item)) break;
      found = item;
      current = item;
    } else {
      break;
    }
  }
  return positionAt(mapping.region.fileText, mapping.region.start + (found?.range?.[0] ?? 0));
}

/** Where the value of each top-level key starts, for diagnostics of later stages. */
export function topLevelPositions(mapping: YamlMapping): Record<string, SourcePosition> {
  const positions: Record<string, SourcePosition> = {};
  for (const key of Object.keys(mapping.data)) positions[key] = locate(mapping, [key]);
  return positions;
}

/** A key of a mapping that is not among the known ones, where it is and what was probably meant. */
export interface UnknownKey {
  name: string;
  /** Where the key itself is written. */
  position: SourcePosition;
  /** A known key it is an alias or a near miss of. */
  suggestion?: string;
}

/** Each key of the mapping at `path` that is not `known`. */
export function unknownKeys(
  mapping: YamlMapping,
  path: YamlPath,
  known: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): UnknownKey[] {
  const node = path.length === 0 ? mapping.document.contents : mapping.document.getIn(path, true);
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => {
    const name = keyText(pair.key);
    if (known.includes(name)) return [];
    const suggestion = aliases[name] ?? closestKey(name, known);
    return [
      {
        name,
        position: locate(mapping, [...path, name], 'key'),
        ...(suggestion === undefined ? {} : { suggestion }),
      },
    ];
  });
}

/** A warning for each key of the mapping at `path` that is not `known`. */
export function unknownKeyWarnings(
  mapping: YamlMapping,
  path: YamlPath,
  known: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): Diagnostic[] {
  const where = path.length === 0 ? mapping.region.name : `\`${formatPath(path)}\``;
  return unknownKeys(mapping, path, known, aliases).map(({ name, position, suggestion }) => ({
    file: mapping.region.file,
    ...position,
    severity: 'warning' as const,
    code: `${mapping.region.codePrefix}/unknown-key`,
    message: `Unknown key \`${name}\` in ${where}; it is ignored`,
    hint: suggestion ? `Did you mean \`${suggestion}\`?` : `Known keys: ${known.join(', ')}.`,
  }));
}

/** One error per zod issue, at the offending value, in words a site author understands. */
export function issueDiagnostics(
  mapping: YamlMapping,
  issues: readonly z.core.$ZodIssue[],
  rules: FieldRules,
): Diagnostic[] {
  return issues.map((issue) => {
    const path = issue.path;
    const rule = ruleFor(rules, path) ?? rules[String(path[0])];
    const isKey = issue.code === 'invalid_key';
    return {
      ...located(mapping, path, isKey ? 'key' : 'value'),
      severity: 'error' as const,
      code: `${mapping.region.codePrefix}/${issue.code === 'invalid_type' ? 'invalid-type' : 'invalid-value'}`,
      message: issueMessage(mapping, issue, rules),
      ...(rule ? { hint: `For example: ${rule.example}` } : {}),
    };
  });
}

/** `the number 3`, `a list`, `the text "abc"`: what the author actually wrote. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') {
    const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the text ${JSON.stringify(short)}`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

/** `menu[0].url`, `authors.tanaka.name`. */
export function formatPath(path: YamlPath): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** Diagnostic fields pointing at `path`. */
export function located(
  mapping: YamlMapping,
  path: YamlPath,
  part: 'key' | 'value' = 'value',
): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  return { file: mapping.region.file, ...locate(mapping, path, part) };
}

function issueMessage(mapping: YamlMapping, issue: z.core.$ZodIssue, rules: FieldRules): string {
  const path = issue.path;
  if (issue.code === 'invalid_key') {
    const reason = issue.issues[0]?.message ?? 'not allowed here';
    return `Invalid key \`${String(path.at(-1))}\` in \`${formatPath(path.slice(0, -1))}\`: ${reason}`;
  }
  // Custom checks (refinements) word their requirement themselves: "must not contain `/`".
  const requirement =
    issue.code === 'custom'
      ? issue.message
      : `must be ${ruleFor(rules, path)?.expected ?? plainExpectation(issue)}`;
  return `\`${formatPath(path)}\` ${requirement}, got ${describeValue(valueAt(mapping.data, path))}`;
}

function ruleFor(rules: FieldRules, path: YamlPath): FieldRule | undefined {
  const segments = path.map(String);
  const pattern = Object.keys(rules).find((key) => {
    const parts = key.split('.');
    return (
      parts.length === segments.length && parts.every((p, i) => p === '*' || p === segments[i])
    );
  });
  return pattern === undefined ? undefined : rules[pattern];
}

function plainExpectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const words: Record<string, string> = {
      string: 'text',
      number: 'a number',
      int: 'a whole number',
      boolean: 'true or false',
      array: 'a list',
      object: 'a mapping',
      record: 'a mapping',
    };
    return words[issue.expected] ?? issue.expected;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return 'non-empty text';
  if (issue.code === 'too_small') return `at least ${String(issue.minimum)}`;
  return 'valid';
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return current;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && node.source === '';
}

/** YAML reports an unclosed quote where the text ends; the author needs the opening quote. */
function errorOffset(yamlText: string, offset: number, message: string): number {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (!quote) return offset;
  let opening = yamlText.lastIndexOf(quote, offset - 1);
  while (quote === '"' && opening > 0 && yamlText[opening - 1] === '\\') {
    opening = yamlText.lastIndexOf(quote, opening - 1);
  }
  return opening === -1 ? offset : opening;
}

function yamlError(region: YamlRegion, offset: number, message: string, code: string): Diagnostic {
  // "Missing ]" is reported at the end of the text; point at the last line that has any, instead.
  const contentEnd = region.fileText.slice(region.start, region.end).trimEnd().length;
  const position = positionAt(region.fileText, region.start + Math.min(offset, contentEnd));
  const lineText = region.fileText.split('\n')[position.line - 1] ?? '';
  return {
    file: region.file,
    ...position,
    severity: 'error',
    code: `${region.codePrefix}/yaml`,
    message: `YAML syntax error in ${region.name}: ${message}`,
    hint: yamlHint(code, lineText),
  };
}

function yamlHint(code: string, lineText: string): string {
  if (lineText.includes('：')) {
    return 'A full-width colon `：` does not separate a key from its value; use `:` followed by a space.';
  }
  if (code === 'DUPLICATE_KEY')
    return 'Each key may appear only once; remove or merge the repeated one.';
  if (code === 'TAB_AS_INDENT')
    return 'Indent with spaces; YAML does not allow tabs for indentation.';
  return 'Quote values that contain `: `, ` #` or start with `[`, `{`, `*`, `&`, `!`, `|`, `>` or `@`, e.g. `title: "集合: 基本"`.';
}

function notAMapping(region: YamlRegion, contents: Node): Diagnostic {
  const position = positionAt(region.fileText, region.start + (contents.range?.[0] ?? 0));
  const text = region.fileText.slice(region.start, region.end);
  return {
    file: region.file,
    ...position,
    severity: 'error',
    code: `${region.codePrefix}/not-a-mapping`,
    message: `${capitalise(region.name)} must be a list of \`key: value\` lines`,
    hint:
      text.includes('：') || text.includes('\u3000')
        ? 'Write keys with a half-width colon and space (`title: 対数`), and indent with half-width spaces, not `：` or `　`.'
        : 'Write one `key: value` per line, e.g. `title: 対数関数の微分`.',
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A known key the author probably meant: same letters ignoring case and `-`/`_`, or one or two typos away. */
function closestKey(name: string, known: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const same = known.find((key) => squash(key) === squash(name));
  if (same) return same;
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(squash(name), squash(key));
    if (
      distance <= Math.min(2, Math.floor(key.length / 3)) &&
      (!best || distance < best.distance)
    ) {
      best = { key, distance };
    }
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
