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

const NAMED = /\{%-?\s*(?:layout|render|include)\s+(?:'([^']*)'|"([^"]*)"|(\S+))/g;

/**
 * The templates that a page made from `name` reads: itself and every layout, partial
 * and include it names, and theirs. Undefined when that cannot be told from the text: a
 * template named by a variable, or tags inside `{% liquid %}`.
 */
export function templatesUsedBy(templates: TemplateSources, name: string): string[] | undefined {
  const used = new Set<string>();
  const visit = (current: string): boolean => {
    if (used.has(current)) return true;
    used.add(current);
    const source = templates[current];
    if (source === undefined) return true;
    if (/\{%-?\s*liquid\b/.test(source)) return false;
    for (const [, single, double, bare] of source.matchAll(NAMED)) {
      if (bare === 'none') continue;
      const named = single ?? double;
      if (named === undefined) return false;
      const found = [named, `${named}.liquid`].find((candidate) => candidate in templates);
      if (!found || !visit(found)) return false;
    }
    return true;
  };
  return visit(name) ? [...used].sort() : undefined;
}
