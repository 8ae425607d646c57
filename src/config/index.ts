export type {
  SiteConfig,
  AuthorProfile,
  MarkdownSiteOptions,
  MathOptions,
  MenuItem,
} from './types.js';
export type { ConfigOverrides, ConfigResult } from './parse.js';
export { defaultConfig } from './defaults.js';
export { macroName } from './schema.js';
export { parseConfig } from './parse.js';
export { loadConfig } from './load.js';
export { wallClockAt, type WallClock } from './time-zone.js';

// Positioned YAML validation, shared with the front matter of `content/`.
// It belongs in `diagnostics/` in the long run: nothing in it is about the config.
export type { FieldRule, FieldRules, UnknownKey, YamlMapping, YamlRegion } from './yaml-mapping.js';
export {
  issueDiagnostics,
  located,
  positionAt,
  readYamlMapping,
  topLevelPositions,
  unknownKeys,
  unknownKeyWarnings,
} from './yaml-mapping.js';
