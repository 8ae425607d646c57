import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { outputFileBytes } from '../../src/output/index.js';
import type { OutputFile } from '../../src/model/index.js';

/** Every `.html` file of a built site, relative path → parsed document. */
export async function readPages(outDir: string): Promise<Map<string, HTMLElement>> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const pages = new Map<string, HTMLElement>();
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(outDir, file).split(path.sep).join('/');
    pages.set(relative, parse(await readFile(file, 'utf8')));
  }
  return pages;
}

/** What a reader sees of a page: text without scripts, styles and KaTeX's hidden MathML. */
export function visibleText(page: HTMLElement): string {
  const copy = parse(page.toString());
  for (const hidden of copy.querySelectorAll('script, style, .katex-mathml, annotation'))
    hidden.remove();
  return copy.textContent;
}

/** Map a site URL (with base path) to the file a static host would serve for it. */
export function fileForUrl(url: string, basePath: string): string | undefined {
  const pathname = decodeURIComponent(url.split('#')[0]!.split('?')[0]!);
  if (!pathname.startsWith(basePath)) return undefined;
  const relative = pathname.slice(basePath.length);
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

/** A file of a build kept in memory (`write: false`), as text, however it is held. */
export async function outputText(file: OutputFile): Promise<string> {
  return new TextDecoder().decode(await outputFileBytes(file));
}
