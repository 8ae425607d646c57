import { sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { defaultConfig } from './defaults.js';
import {
  authorKeys,
  configFileSchema,
  configKeys,
  markdownKeys,
  mathKeys,
  configRules,
  isSafeBasePath,
  menuItemKeys,
  type ConfigFile,
} from './schema.js';
import type { SiteConfig } from './types.js';
import {
  issueDiagnostics,
  located,
  readYamlMapping,
  unknownKeyWarnings,
  type YamlMapping,
} from './yaml-mapping.js';

export interface ConfigOverrides {
  /** From `--base-path`; wins over the file. */
  basePath?: string;
}

export interface ConfigResult {
  /** Absent when there is any error. */
  config?: SiteConfig;
  diagnostics: Diagnostic[];
  /**
   * Where each `menu` entry's `url` is written, in the order of `config.menu`, for checking
   * where the links lead. Kept out of `SiteConfig`, which keys every page: moving a line of
   * the config must not make every page again.
   */
  menuLocations?: Pick<Diagnostic, 'file' | 'line' | 'column'>[];
}

/** Validate the text of a config file (YAML or JSON) and apply defaults. Pure. */
export function parseConfig(
  text: string,
  file: string,
  overrides: ConfigOverrides = {},
): ConfigResult {
  const { diagnostics, ...result } = validate(text, file, overrides);
  return { ...result, diagnostics: sortDiagnostics(diagnostics) };
}

function validate(text: string, file: string, overrides: ConfigOverrides): ConfigResult {
  const fileText = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const region = {
    file,
    fileText,
    start: 0,
    end: fileText.length,
    codePrefix: 'config',
    name: 'the site config',
  };
  const { mapping, diagnostics } = readYamlMapping(region);
  if (!mapping) return { diagnostics };

  // `description:` with nothing after it means "use the default", not "an error".
  const written = Object.fromEntries(
    Object.entries(mapping.data).filter(([, value]) => value !== null),
  );
  diagnostics.push(...unknownKeys(mapping));
  const parsed = configFileSchema.safeParse(written);
  if (!parsed.success) {
    diagnostics.push(...issueDiagnostics(mapping, parsed.error.issues, configRules));
    return { diagnostics };
  }
  diagnostics.push(...defaultAuthorProblems(mapping, parsed.data));
  diagnostics.push(...overrideProblems(overrides));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const config = withDefaults(parsed.data, overrides);
  if (parsed.data.menu === undefined) return { config, diagnostics };
  const menuLocations = parsed.data.menu.map((_, index) =>
    located(mapping, ['menu', index, 'url']),
  );
  return { config, diagnostics, menuLocations };
}

function unknownKeys(mapping: YamlMapping): Diagnostic[] {
  const { authors, menu, math, markdown } = mapping.data;
  return [
    ...unknownKeyWarnings(mapping, [], configKeys),
    ...(isRecord(math) ? unknownKeyWarnings(mapping, ['math'], mathKeys) : []),
    ...(isRecord(markdown) ? unknownKeyWarnings(mapping, ['markdown'], markdownKeys) : []),
    ...Object.keys(isRecord(authors) ? authors : {}).flatMap((id) =>
      unknownKeyWarnings(mapping, ['authors', id], authorKeys),
    ),
    ...(Array.isArray(menu) ? menu : []).flatMap((_, index) =>
      unknownKeyWarnings(mapping, ['menu', index], menuItemKeys),
    ),
  ];
}

function defaultAuthorProblems(mapping: YamlMapping, file: ConfigFile): Diagnostic[] {
  const { defaultAuthor, authors = {} } = file;
  if (defaultAuthor === undefined || Object.hasOwn(authors, defaultAuthor)) return [];
  const ids = Object.keys(authors);
  return [
    {
      ...located(mapping, ['defaultAuthor']),
      severity: 'error',
      code: 'config/unknown-author',
      message: `\`defaultAuthor\` is "${defaultAuthor}", which is not an id in \`authors\``,
      hint:
        ids.length > 0
          ? `Use one of: ${ids.join(', ')}.`
          : `Add the author first: authors: { ${defaultAuthor}: { name: 名前 } }`,
    },
  ];
}

function overrideProblems(overrides: ConfigOverrides): Diagnostic[] {
  if (overrides.basePath === undefined || isSafeBasePath(overrides.basePath)) return [];
  // Not in any file: the diagnostic names the command-line option instead.
  return [
    {
      file: '--base-path',
      line: 1,
      column: 1,
      severity: 'error',
      code: 'config/invalid-value',
      message: `--base-path must be a path like /blog/ without \`..\`, \`?\`, \`#\`, \`\\\` or spaces, got "${overrides.basePath}"`,
      hint: 'For example: --base-path /blog/',
    },
  ];
}

function withDefaults(file: ConfigFile, overrides: ConfigOverrides): SiteConfig {
  const defaults = defaultConfig();
  const baseUrl = file.baseUrl === undefined ? defaults.baseUrl : normaliseBaseUrl(file.baseUrl);
  const basePath = overrides.basePath ?? file.basePath ?? new URL(baseUrl).pathname;
  const config: SiteConfig = {
    ...defaults,
    ...file,
    math: { ...defaults.math, ...file.math },
    markdown: { ...defaults.markdown, ...file.markdown },
    baseUrl,
    basePath: normaliseBasePath(basePath),
  };
  return config;
}

function normaliseBaseUrl(url: string): string {
  const href = new URL(url).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** `blog` → `/blog/`, `/数学` → `/%E6%95%B0%E5%AD%A6/`: links are built by plain concatenation. */
function normaliseBasePath(path: string): string {
  const slashed = `/${path.trim()}/`.replace(/\/{2,}/g, '/');
  return new URL(slashed, 'http://localhost').pathname;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
