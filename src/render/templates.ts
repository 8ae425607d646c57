import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Template name (path under the templates folder, `/`-separated: `layouts/base.liquid`) → source text. */
export type TemplateSources = Readonly<Record<string, string>>;

/** Reads every `*.liquid` file under `dir`; the one function of this stage that does I/O. */
export async function loadTemplates(dir: string): Promise<TemplateSources> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.liquid'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replace(/\\/g, '/'))
    .sort();
  const sources: Record<string, string> = {};
  for (const name of names) {
    // A BOM left in a template would end up in the middle of the page.
    sources[name] = (await readFile(join(dir, name), 'utf8')).replace(/^\uFEFF/, '');
  }
  return sources;
}
