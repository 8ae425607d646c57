import { constants } from 'node:fs';
import { access, copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportPlan } from './types.js';

export interface ImportTargets {
  /** The imported folder, where the images are copied from. */
  sourceDir: string;
  /** The content folder: articles go into its `posts/`. */
  contentDir: string;
  /** The folder the site copies as it is: images go into its `images/`. */
  publicDir: string;
}

/** Every file the plan would write, as absolute paths. */
export function plannedFiles(plan: ImportPlan, targets: ImportTargets): string[] {
  return [
    ...plan.articles.map((article) => path.join(targets.contentDir, article.to)),
    ...plan.images.map((image) => path.join(targets.publicDir, image.to)),
  ];
}

/** The planned files that exist already. */
export async function existingFiles(plan: ImportPlan, targets: ImportTargets): Promise<string[]> {
  const files = plannedFiles(plan, targets);
  const exists = await Promise.all(
    files.map((file) =>
      access(file, constants.F_OK).then(
        () => true,
        () => false,
      ),
    ),
  );
  return files.filter((_, index) => exists[index]);
}

/**
 * Write the articles and copy the images. Without `force`, a file that appeared since
 * `existingFiles` was asked is not overwritten either: each write fails if its file exists.
 */
export async function writeImport(
  plan: ImportPlan,
  targets: ImportTargets,
  force: boolean,
): Promise<void> {
  for (const article of plan.articles) {
    const file = path.join(targets.contentDir, article.to);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, article.text, { flag: force ? 'w' : 'wx' });
  }
  for (const image of plan.images) {
    const file = path.join(targets.publicDir, image.to);
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(
      path.join(targets.sourceDir, image.from),
      file,
      force ? 0 : constants.COPYFILE_EXCL,
    );
  }
}
