import { pagePathFor } from '../site/index.js';
import type { Article, BundleFile, OutputFile } from '../model/index.js';

/**
 * The files kept beside articles written as folders, copied beside their pages:
 * `posts/グラフ/graph.png` is `/posts/グラフ/graph.png`, where `![グラフ](graph.png)` in
 * `posts/グラフ/index.md` finds it. Files of drafts left out of the build stay out too.
 */
export function bundleOutputs(
  files: readonly BundleFile[],
  articles: readonly Article[],
): OutputFile[] {
  const folderOf = new Map(
    articles.map((article) => [
      article.sourcePath,
      pagePathFor('posts', article.slug).slice(0, -'index.html'.length),
    ]),
  );
  return files.flatMap((file) => {
    const folder = folderOf.get(file.sourcePath);
    // The page itself is the folder's index.html.
    if (folder === undefined || file.path === 'index.html') return [];
    return [{ path: `${folder}${file.path}`, copyFrom: file.absolutePath }];
  });
}
