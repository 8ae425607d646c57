import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseConfig, type ConfigOverrides, type ConfigResult } from './parse.js';

export const CONFIG_FILE_NAME = 'sugaku.config.yaml';

/**
 * Read and validate the config: `path` if given (relative to `cwd`), else `sugaku.config.yaml`
 * in `cwd` if it exists, else the defaults.
 */
export async function loadConfig(
  path: string | undefined,
  cwd: string,
  overrides: ConfigOverrides = {},
): Promise<ConfigResult> {
  const file = path ?? CONFIG_FILE_NAME;
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(cwd, file));
  } catch (error) {
    if (path === undefined && isNotFound(error)) return parseConfig('', file, overrides);
    return { diagnostics: [unreadable(file, error, path !== undefined && isNotFound(error))] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { diagnostics: [notUtf8(file)] };
  }
  return parseConfig(text, file, overrides);
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function unreadable(file: string, error: unknown, missing: boolean) {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error' as const,
    code: missing ? 'config/not-found' : 'config/unreadable',
    message: missing
      ? `The config file ${file} does not exist`
      : `The config file ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    hint: missing
      ? `Check the path given to --config, or leave it out to use ${CONFIG_FILE_NAME} or the defaults.`
      : 'Check that it is a readable file.',
  };
}

function notUtf8(file: string) {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error' as const,
    code: 'config/encoding',
    message: `The config file ${file} is not valid UTF-8 text`,
    hint: 'Save it as UTF-8 (Shift_JIS and EUC-JP are not supported).',
  };
}
