import type { ArticlePage } from '../pipeline/index.js';

/**
 * Article pages that went away between two builds, each with the page of the article it
 * became: one that appeared at the same time from the same text (a file renamed or moved), or
 * else the one with the same title (a `slug:` changed). Two candidates with that title, and
 * nobody can tell which one the reader meant: no move.
 *
 * `recent` holds the output paths of pages that appeared in the last few builds: a copy made
 * before the original is deleted comes in an earlier build than the deletion.
 */
export function movedArticles(
  before: readonly ArticlePage[],
  after: readonly ArticlePage[],
  recent: ReadonlyMap<string, unknown> = new Map(),
): Map<string, ArticlePage> {
  const now = new Set(after.map((page) => page.path));
  const earlier = new Set(before.map((page) => page.path));
  const gone = before.filter((page) => !now.has(page.path));
  if (gone.length === 0) return new Map();
  const candidates = new Set(
    after.filter((page) => !earlier.has(page.path) || recent.has(page.path)),
  );
  const moves = new Map<string, ArticlePage>();
  const take = (from: ArticlePage, to: ArticlePage | undefined) => {
    if (!to) return;
    moves.set(from.path, to);
    candidates.delete(to);
  };
  for (const page of gone)
    take(
      page,
      [...candidates].find((c) => c.sourceText === page.sourceText),
    );
  for (const page of gone) {
    if (moves.has(page.path)) continue;
    const sameTitle = [...candidates].filter((c) => c.title === page.title);
    if (sameTitle.length === 1) take(page, sameTitle[0]);
  }
  return moves;
}
