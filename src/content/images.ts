import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readImageHeader, type ImageHeader } from './image-header.js';

/** An image file of the site: in `public/` or beside an article. */
export interface SiteImage extends ImageHeader {
  /** Where the site serves it, from its root, without the base path: `/images/a.png`. */
  sitePath: string;
  absolutePath: string;
  /** SHA-256 of its bytes: variants made from it are cached under this name. */
  hash: string;
}

const IMAGE_FILE = /\.(?:png|jpe?g|gif|webp|svg)$/i;

/** Whether a file's name says it is an image a page can show. */
export function isImageFile(path: string): boolean {
  return IMAGE_FILE.test(path);
}

/**
 * Format, size and hash of each image; a file that is not what its name says (or was
 * removed meanwhile) is left out, and the page shows it without a size.
 */
export async function readImages(
  files: readonly { sitePath: string; absolutePath: string }[],
): Promise<SiteImage[]> {
  const read = await Promise.all(
    files.map(async (file): Promise<SiteImage | undefined> => {
      let bytes: Buffer;
      try {
        bytes = await readFile(file.absolutePath);
      } catch {
        return undefined;
      }
      const header = readImageHeader(bytes);
      if (!header) return undefined;
      return { ...file, ...header, hash: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
  return read.filter((image): image is SiteImage => image !== undefined);
}
