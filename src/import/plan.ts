import { urlSegmentProblem } from '../content/index.js';
import { convertBody } from './body.js';
import { convertFrontMatter } from './front-matter.js';
import type { ImportedArticle, ImportFolder, ImportNote, ImportPlan } from './types.js';

/** Where Zenn's `images/` goes inside the public folder, and so its URL: `/images/…`. */
export const IMAGES_FOLDER = 'images';

/**
 * What importing `folder` writes: each article with sugaku's front matter and its body as it
 * was but for image links, the images, and what the author should look at. Pure.
 */
export function planImport(folder: ImportFolder, timeZone: string): ImportPlan {
  const images = new Set(folder.images);
  const slugs = new Set(folder.articles.map((source) => baseName(source.path)));
  const notes: ImportNote[] = [];
  let needsMarkdownEscapes = false;
  const articles = folder.articles.map((source): ImportedArticle => {
    const to = `posts/${baseName(source.path)}.md`;
    const frontMatter = convertFrontMatter(folder.dialect, source, timeZone);
    const body = convertBody(source.text.slice(frontMatter.bodyStart), {
      dialect: folder.dialect,
      images,
      slugs,
    });
    needsMarkdownEscapes ||= body.markdownEscapes;
    // A body line's number in the new file: after the new front matter's lines.
    const bodyLine = frontMatter.text.split('\n').length - 1;
    const slugProblem = urlSegmentProblem(baseName(source.path).normalize('NFC'));
    notes.push(
      ...frontMatter.notes.map((note) => ({ file: to, kind: 'front-matter' as const, ...note })),
      ...(slugProblem
        ? [
            {
              file: to,
              line: 1,
              kind: 'front-matter' as const,
              message: `the file name ${slugProblem}: rename the file or set \`slug:\``,
            },
          ]
        : []),
      ...body.notes.map((note) => ({
        file: to,
        line: bodyLine + note.line,
        kind: note.kind,
        message: note.message,
      })),
    );
    return {
      from: source.path,
      to,
      text: frontMatter.text + body.text,
      draft: frontMatter.draft,
      dateFrom: frontMatter.dateFrom,
    };
  });
  return {
    dialect: folder.dialect,
    articles,
    images: folder.images.map((image) => ({
      from: `images/${image}`,
      to: `${IMAGES_FOLDER}/${image}`,
    })),
    notes,
    leftOut: folder.leftOut,
    needsMarkdownEscapes,
  };
}

function baseName(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.md$/, '');
}
