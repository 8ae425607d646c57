import { createHash, hash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Libraries whose version changes what a page looks like. */
const RENDERING_PACKAGES = [
  'katex',
  'markdown-it',
  'markdown-it-texmath',
  'markdown-it-anchor',
  'get-east-asian-width',
  'markdown-it-cjk-friendly',
  'markdown-it-container',
  'markdown-it-footnote',
  'linkify-it',
  'liquidjs',
];

let fingerprint: Promise<string> | undefined;

/**
 * A hash of our own code and the versions of the libraries that render: part of every
 * cache key, so upgrading sugaku, KaTeX or markdown-it can never serve a stale render.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= computeFingerprint();
  return fingerprint;
}

async function computeFingerprint(): Promise<string> {
  const ownCode = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const entries = await readdir(ownCode, { recursive: true, withFileTypes: true });
  const files = entries
    .filter(
      (entry) => entry.isFile() && /\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'),
    )
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const code = await Promise.all(
    files.map(async (file) => ({
      name: file.slice(ownCode.length),
      text: await readFile(file, 'utf8'),
    })),
  );
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of RENDERING_PACKAGES) {
    const manifest = JSON.parse(await readFile(manifestPath(require, name), 'utf8')) as {
      version: string;
    };
    versions[name] = manifest.version;
  }
  return fingerprintOf(code, versions);
}

/**
 * A package's `package.json`. Packages whose `exports` leave it out (get-east-asian-width)
 * cannot be resolved by that name, so it is found above their entry point.
 */
function manifestPath(require: NodeJS.Require, name: string): string {
  try {
    return require.resolve(`${name}/package.json`);
  } catch {
    const marker = `${path.sep}node_modules${path.sep}${name}${path.sep}`;
    const entry = require.resolve(name);
    return entry.slice(0, entry.lastIndexOf(marker) + marker.length) + 'package.json';
  }
}

/** The pure part of the fingerprint: our source files and the renderers' versions. */
export function fingerprintOf(
  code: { name: string; text: string }[],
  versions: Record<string, string>,
): string {
  const parts = code.flatMap(({ name, text }) => [name, text]);
  for (const name of Object.keys(versions).sort()) parts.push(`${name}@${versions[name]}`);
  return sha256(...parts);
}

export function sha256(...parts: string[]): string {
  // One call of the one-shot `hash` is cheaper than a Hash object for the short parts of
  // page keys, of which a build makes thousands; long texts stream.
  let length = 0;
  for (const part of parts) length += part.length;
  if (length < 1 << 16) return hash('sha256', parts.join('\u0000') + '\u0000', 'hex');
  const streamed = createHash('sha256');
  for (const part of parts) streamed.update(part).update('\u0000');
  return streamed.digest('hex');
}

/** The hash of a file's bytes, by which a file made again with the same bytes is kept. */
export function contentHash(content: string | Uint8Array): string {
  return hash('sha256', content, 'hex');
}
