import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `folder`, relative, with forward slashes, sorted. Missing folder: none. */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** Relative path → SHA-256 of the bytes, for every file under `folder`. */
export async function hashTree(folder: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  for (const file of await listFiles(folder)) {
    const bytes = await readFile(path.join(folder, file));
    tree.set(file, createHash('sha256').update(bytes).digest('hex'));
  }
  return tree;
}

/** Site URLs of the pages of a built site: `posts/a/index.html` → `/posts/a/`. */
export function pageUrls(files: readonly string[], basePath = '/'): string[] {
  return files
    .filter((file) => file === 'index.html' || file.endsWith('/index.html'))
    .map((file) => `${basePath}${file.slice(0, -'index.html'.length)}`)
    .sort();
}

/** XML text as a feed reader sees it: entities and character references decoded. */
export function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(x[0-9a-f]+|\d+);/gi, (_, code: string) =>
      String.fromCodePoint(code[0] === 'x' ? parseInt(code.slice(1), 16) : Number(code)),
    )
    .replace(/&amp;/g, '&');
}
