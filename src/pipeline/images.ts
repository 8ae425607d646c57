import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SiteImage } from '../content/index.js';
import { isImageFile } from '../content/index.js';
import { variantPath } from '../markdown/index.js';
import { pagePathFor } from '../site/index.js';
import type { Article, ArticleImages, ImageFacts, OutputFile } from '../model/index.js';

/**
 * Widths a variant is made at: half the text column (a phone shows an image a little
 * narrower than its 390 px, so 1× phones take 320), the column (640 CSS px), and 1.5× and
 * 2× the column for sharper screens. Wider than the file would only enlarge it.
 */
const VARIANT_WIDTHS = [320, 640, 960, 1280];

/** Lossy WebP at this quality is well below PNG and JPEG for photos and plots alike. */
const WEBP_QUALITY = 80;

/** The output files that are images: what `readImages` should read. */
export function imageFilesOf(
  files: readonly OutputFile[],
): { sitePath: string; absolutePath: string }[] {
  return files.flatMap((file) =>
    'copyFrom' in file && isImageFile(file.path)
      ? [{ sitePath: `/${file.path}`, absolutePath: file.copyFrom }]
      : [],
  );
}

/** Widths of the WebP variants of an image: raster photos and plots, never SVG, GIF or WebP. */
export function variantWidths(image: SiteImage): number[] {
  if ((image.format !== 'png' && image.format !== 'jpeg') || !image.width) return [];
  const widths = VARIANT_WIDTHS.filter((width) => width < image.width!);
  if (image.width <= VARIANT_WIDTHS.at(-1)!) widths.push(image.width);
  return widths;
}

/**
 * What each article's render needs of the site's images: those it may show. An image is
 * taken when its file name appears in the article's source, which finds every image it
 * shows (and sometimes one it only names): only those enter the article's key, so
 * replacing an image renders again the articles that show it, and no other.
 */
export function imagesForArticles(
  articles: readonly Article[],
  images: readonly SiteImage[],
): Map<Article, ArticleImages | undefined> {
  const byName = new Map<string, [string, ImageFacts][]>();
  for (const image of images) {
    if (!image.width || !image.height) continue;
    const variants = variantWidths(image);
    const facts: ImageFacts = {
      width: image.width,
      height: image.height,
      ...(variants.length > 0 ? { variants } : {}),
    };
    const name = image.sitePath.slice(image.sitePath.lastIndexOf('/') + 1).toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), [image.sitePath, facts]]);
  }
  const result = new Map<Article, ArticleImages | undefined>();
  for (const article of articles) {
    const files: [string, ImageFacts][] = [];
    let names = namesInArticle.get(article);
    if (!names) {
      names = imageNamesIn(article.sourceText);
      namesInArticle.set(article, names);
    }
    for (const name of names) {
      files.push(...(byName.get(decoded(name).toLowerCase()) ?? []));
    }
    result.set(
      article,
      files.length === 0
        ? undefined
        : {
            folder: `/${pagePathFor('posts', article.slug).slice(0, -'index.html'.length)}`,
            files: Object.fromEntries(files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
          },
    );
  }
  return result;
}

/** A long-lived builder keeps an unchanged article's object, and scans its text once. */
const namesInArticle = new WeakMap<Article, string[]>();

const IMAGE_EXTENSION = /\.(?:png|jpe?g|gif|webp|svg)(?![\w.])/gi;
const NAME_BOUNDARY = /[\s/()<>"'[\]]/;

/**
 * The file names with an image's extension in a text, as they may stand in a Markdown link:
 * each extension found, then the name before it back to a space, slash, bracket or quote.
 * (One pattern for the whole name, `[^\s/…]+\.png`, tried from every character of Japanese
 * prose, which has no spaces to stop it: 290 ms a build at 1,000 articles, on every save.)
 */
function imageNamesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(IMAGE_EXTENSION)) {
    let start = match.index;
    while (start > 0 && !NAME_BOUNDARY.test(text[start - 1]!)) start--;
    if (start < match.index) names.push(text.slice(start, match.index + match[0].length));
  }
  return names;
}

function decoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export interface VariantFile {
  path: string;
  /** The variant is named by its source's bytes and width: the same key, the same bytes. */
  key: string;
  file: OutputFile;
}

/**
 * The WebP variants of the site's PNG and JPEG images, beside each image. Each is encoded
 * once and kept in `<cacheDir>/images/` by the hash of its source and its width, so a
 * build whose images did not change encodes nothing and does not load sharp at all.
 * Without a cache folder they are encoded in memory every build.
 */
export async function imageVariants(
  images: readonly SiteImage[],
  cacheDir: string | undefined,
  taken: ReadonlySet<string>,
): Promise<{ files: VariantFile[]; encoded: number }> {
  let encoded = 0;
  const jobs = images.flatMap((image) =>
    variantWidths(image)
      .map((width) => ({ image, width, path: variantPath(image.sitePath, width).slice(1) }))
      // A file the author put there wins over ours.
      .filter((job) => !taken.has(job.path)),
  );
  const files = await Promise.all(
    jobs.map(async ({ image, width, path: file }): Promise<VariantFile> => {
      const key = `webp:${image.hash}:${width}:${WEBP_QUALITY}`;
      const cached = cacheDir
        ? path.join(cacheDir, 'images', image.hash.slice(0, 2), `${image.hash}.${width}w.webp`)
        : undefined;
      if (cached && (await exists(cached)))
        return { path: file, key, file: { path: file, copyFrom: cached } };
      const bytes = await encodeWebp(image.absolutePath, width);
      encoded += 1;
      if (!cached) return { path: file, key, file: { path: file, content: bytes } };
      await atomicWrite(cached, bytes);
      return { path: file, key, file: { path: file, copyFrom: cached } };
    }),
  );
  return { files, encoded };
}

async function encodeWebp(source: string, width: number): Promise<Uint8Array> {
  // Loaded only when a variant is missing: a warm build never pays for libvips.
  const { default: sharp } = await import('sharp');
  // Bytes are made once and kept on disk: sharp's own cache of open images is of no use.
  sharp.cache(false);
  return sharp(source)
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .webp({ quality: WEBP_QUALITY })
    .toBuffer();
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function atomicWrite(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}
