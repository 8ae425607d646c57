import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OutputFile } from '../model/index.js';
import { woff2Only } from '../util/index.js';
import { minifyCss } from './minify-css.js';

const KATEX_ASSETS = 'assets/katex';

/**
 * KaTeX's stylesheet and fonts, self-hosted. Only woff2 is shipped: every browser that
 * runs KaTeX reads it, so the CSS is rewritten to list woff2 alone and no request can
 * ask for a font we did not copy.
 */
export async function katexAssets(): Promise<OutputFile[]> {
  const katexDist = path.dirname(
    createRequire(import.meta.url).resolve('katex/dist/katex.min.css'),
  );
  const css = await readFile(path.join(katexDist, 'katex.min.css'), 'utf8');
  const fonts = (await readdir(path.join(katexDist, 'fonts')))
    .filter((name) => name.endsWith('.woff2'))
    .sort();
  return [
    { path: `${KATEX_ASSETS}/katex.min.css`, content: woff2Only(css) },
    ...fonts.map((name) => ({
      path: `${KATEX_ASSETS}/fonts/${name}`,
      copyFrom: path.join(katexDist, 'fonts', name),
    })),
  ];
}

/**
 * Every file under `public/`, copied as it is but for stylesheets, which are minified
 * (`minify-css.ts`); a missing folder is simply empty.
 */
export async function publicFiles(publicDir: string): Promise<OutputFile[]> {
  let entries;
  try {
    entries = await readdir(publicDir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry): Promise<OutputFile> => {
        const absolute = path.join(entry.parentPath, entry.name);
        const sitePath = path.relative(publicDir, absolute).split(path.sep).join('/');
        if (!entry.name.endsWith('.css')) return { path: sitePath, copyFrom: absolute };
        return { path: sitePath, content: minifyCss(await readFile(absolute, 'utf8')) };
      }),
  );
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
