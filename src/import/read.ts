import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ImportDialect, ImportFolder, ImportSourceFile } from './types.js';

const run = promisify(execFile);

/** Where each dialect keeps its articles. */
const ARTICLES_FOLDER: Record<ImportDialect, string> = { zenn: 'articles', qiita: 'public' };

/**
 * Read a Zenn repository (`articles/*.md`, `images/`) or a Qiita CLI folder (`public/*.md`),
 * with each article's first commit date when the folder is in a git repository.
 */
export async function readImportFolder(
  dialect: ImportDialect,
  dir: string,
): Promise<ImportFolder | { problem: string }> {
  const articlesDir = path.join(dir, ARTICLES_FOLDER[dialect]);
  const entries = await readdir(articlesDir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) {
    return {
      problem:
        dialect === 'zenn'
          ? `${dir} has no articles/ folder: give the root of a Zenn repository (the folder with articles/ and images/)`
          : `${dir} has no public/ folder: give the folder in which Qiita CLI keeps public/`,
    };
  }
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name)
    .sort();
  const articles: ImportSourceFile[] = [];
  for (const name of names) {
    const relative = `${ARTICLES_FOLDER[dialect]}/${name}`;
    const file = path.join(articlesDir, name);
    const [text, stats, firstCommit] = await Promise.all([
      readFile(file, 'utf8'),
      stat(file),
      firstCommitDate(dir, relative),
    ]);
    articles.push({
      path: relative,
      text,
      modified: stats.mtime,
      ...(firstCommit ? { firstCommit } : {}),
    });
  }
  const leftOut: ImportFolder['leftOut'] = [];
  if (dialect === 'zenn' && (await isFolder(path.join(dir, 'books')))) {
    leftOut.push({
      path: 'books/',
      why: 'Zenn books are not articles; move their chapters by hand',
    });
  }
  if (dialect === 'qiita' && (await isFolder(path.join(articlesDir, '.remote')))) {
    leftOut.push({ path: 'public/.remote/', why: "Qiita CLI's copy of what is on Qiita" });
  }
  const images = dialect === 'zenn' ? await filesUnder(path.join(dir, 'images')) : [];
  return { dialect, articles, images, leftOut };
}

/**
 * When git first saw the file, following renames; undefined outside a repository, for a file
 * never committed, or without git.
 */
async function firstCommitDate(dir: string, file: string): Promise<Date | undefined> {
  try {
    const { stdout } = await run(
      'git',
      ['log', '--diff-filter=A', '--follow', '--format=%aI', '--', file],
      { cwd: dir },
    );
    // Newest first; a file deleted and added again has several.
    const oldest = stdout.trim().split('\n').at(-1);
    if (!oldest) return undefined;
    const date = new Date(oldest);
    return Number.isNaN(date.getTime()) ? undefined : date;
  } catch {
    return undefined;
  }
}

async function isFolder(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}

/** Every file under `dir`, `/`-separated, relative to it; none if it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort();
}
