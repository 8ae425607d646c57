import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SiteConfig } from '../../config/index.js';
import { loadArticles, readImages, type SiteImage } from '../../content/index.js';
import { katexAssets, publicFiles } from '../../output/index.js';
import { searchClientFiles } from '../../search/index.js';
import { compareNewestFirst } from '../../site/index.js';
import { bundleOutputs } from '../bundles.js';
import { sha256 } from '../fingerprint.js';
import { imageFilesOf, imagesForArticles, imageVariants } from '../images.js';
import type { BuildHint } from '../options.js';
import { assetKey, type KeyedFile } from '../output-keys.js';
import type { BuildRun } from '../run-context.js';
import { markdownOptions } from '../tasks.js';
import type { Article, ArticleImages } from '../../model/index.js';

/** An article with the key of its render. */
export interface KeyedArticle {
  article: Article;
  key: string;
  images?: ArticleImages;
}

export interface SiteSources {
  /** In the site's order, which the workers render in and the search index lists results in. */
  articles: KeyedArticle[];
  /** Public files, KaTeX's, the search client's and the files beside articles, keyed. */
  assets: KeyedFile[];
  /** WebP variants of the images articles show, encoded while the articles render. */
  variants: Promise<KeyedFile[]>;
}

/**
 * Read sources: the articles (front matter parsed once, remembered between
 * builds), the files copied as they are and the images, each keyed by what it is made from.
 */
export async function readSiteSources(
  run: BuildRun,
  config: SiteConfig,
  fingerprint: string,
  hint: BuildHint | undefined,
): Promise<SiteSources> {
  const { options, memory } = run;
  const read = await memory.remembered.read(
    path.resolve(options.cwd, options.contentDir),
    options.cwd,
    hint,
  );
  run.diagnostics.push(...read.diagnostics);
  for (const source of read.sources) run.sources.set(source.path, source.text);
  const loaded = loadArticles(read.sources, config, {
    drafts: options.drafts,
    parse: await memory.remembered.parser(config, fingerprint, run.cacheDir),
  });
  run.diagnostics.push(...loaded.diagnostics);

  run.markdown = markdownOptions(config);
  const publicDir = path.resolve(options.cwd, options.publicDir);
  const publicAssets = await memory.remembered.folder(publicDir, hint, async () => {
    const files = [
      ...(await katexAssets()),
      ...(await searchClientFiles()),
      ...(await publicFiles(publicDir)),
    ];
    return {
      keyed: await Promise.all(
        files.map(async (file): Promise<KeyedFile> => ({
          path: file.path,
          key: await assetKey(file),
          file,
        })),
      ),
      images: await readImages(imageFilesOf(files)),
    };
  });
  const copied = publicAssets.keyed;
  const bundleFiles = bundleOutputs(read.bundleFiles, loaded.articles);
  const bundled = await Promise.all(
    bundleFiles.map(async (file): Promise<KeyedFile> => ({
      path: file.path,
      key: await assetKey(file),
      file,
    })),
  );
  const images = [...publicAssets.images, ...(await readImages(imageFilesOf(bundleFiles)))];
  const imagesOf = imagesForArticles(loaded.articles, images);
  // Variants of the images articles show (not of the site's icons), encoded while the
  // articles render; only the pages wait for them.
  const shownPaths = new Set(
    [...imagesOf.values()].flatMap((shown) => Object.keys(shown?.files ?? {})),
  );
  const variants = encodeVariants(
    run,
    images.filter((image) => shownPaths.has(image.sitePath)),
    new Set([...copied, ...bundled].map((file) => file.path)),
  );
  variants.catch(() => {});
  const keyed = loaded.articles.map((article): KeyedArticle => {
    const key = memory.remembered.key(article, run.markdown, fingerprint);
    const shown = imagesOf.get(article);
    return shown
      ? { article, key: sha256(key, JSON.stringify(shown)), images: shown }
      : { article, key };
  });
  for (const { article, key, images: shown } of keyed) {
    run.articleByKey.set(key, article);
    if (shown) run.imagesByKey.set(key, shown);
  }
  return {
    articles: [...keyed].sort((a, b) => compareNewestFirst(a.article, b.article)),
    assets: [...copied, ...bundled],
    variants,
  };
}

async function encodeVariants(
  run: BuildRun,
  images: readonly SiteImage[],
  taken: ReadonlySet<string>,
): Promise<KeyedFile[]> {
  const started = performance.now();
  const { files, encoded } = await imageVariants(images, run.cacheDir, taken);
  run.stats.imagesEncoded = encoded;
  run.stats.imageSeconds = (performance.now() - started) / 1000;
  return files;
}
