import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, until, type DevProcess } from '../support/dev-process.js';
import { makeSite, post } from '../dev/support.js';

/**
 * `git checkout` of another branch, a theme update or a sync tool replaces a whole folder:
 * deleted and copied again, or a new one moved into place. chokidar alone goes deaf for that
 * folder within a few rounds (chokidar#555), and then no edit in it is ever seen again.
 */
describe('sugaku dev with watched folders replaced whole', () => {
  let root: string;
  let dev: DevProcess;
  let template: string;

  beforeAll(async () => {
    root = await makeSite({ 'kansu.md': post('関数の極限', '最初の本文。') });
    template = await readFile(path.join(root, 'templates/article.liquid'), 'utf8');
    await cp(path.join(root, 'templates'), path.join(root, 'stash/templates'), { recursive: true });
    await cp(path.join(root, 'content'), path.join(root, 'stash/content'), { recursive: true });
    dev = await startDev(root);
  });
  afterAll(async () => {
    await dev?.stop();
    await rm(root, { recursive: true, force: true });
  });

  const page = async () => (await fetch(new URL('/posts/kansu/', dev.url))).text();
  const shows = (mark: string) =>
    until(async () => (await page()).includes(mark), mark, 10_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; the terminal said:\n${dev.stdout}\n${dev.stderr}`);
    });
  const marked = (mark: string) =>
    template.replace(/\{% endblock %\}\s*$/, `<p>${mark}</p>\n{% endblock %}\n`);

  /** Put `stash/<folder>` in place of `<folder>`: deleted, then copied; or copied beside, then moved in. */
  async function replace(folder: string, way: 'copy' | 'move'): Promise<void> {
    const target = path.join(root, folder);
    if (way === 'copy') {
      await rm(target, { recursive: true, force: true });
      await cp(path.join(root, 'stash', folder), target, { recursive: true });
    } else {
      const beside = `${target}.new`;
      await cp(path.join(root, 'stash', folder), beside, { recursive: true });
      await rm(target, { recursive: true, force: true });
      await rename(beside, target);
    }
  }

  it('sees every edit after 20 rounds of replacing templates/ and content/, both ways', async () => {
    for (let round = 0; round < 20; round++) {
      const way = round % 2 === 0 ? 'copy' : 'move';
      const other = way === 'copy' ? 'move' : 'copy';

      await writeFile(path.join(root, 'stash/templates/article.liquid'), marked(`型${round}`));
      await replace('templates', way);
      await shows(`型${round}`);
      // The edit that went unseen, for good, once chokidar had lost the folder.
      await writeFile(path.join(root, 'templates/article.liquid'), marked(`編集${round}`));
      await shows(`編集${round}`);

      await writeFile(
        path.join(root, 'stash/content/posts/kansu.md'),
        post('関数の極限', `入れ替え${round}。`),
      );
      await replace('content', other);
      await shows(`入れ替え${round}。`);
      await writeFile(
        path.join(root, 'content/posts/kansu.md'),
        post('関数の極限', `書き直し${round}。`),
      );
      await shows(`書き直し${round}。`);
    }
    // Seen by the watcher itself, made again for each new folder. chokidar shares its handles
    // between watchers and now and then one is left dead; the consistency check then finds
    // the edit within 2–3 s and says so. That may happen, rarely (about one run in fifteen).
    expect(dev.stderr.match(/missed changes/g)?.length ?? 0).toBeLessThanOrEqual(2);
    expect(dev.stderr).not.toMatch(/error\[/);
  }, 60_000);
});
