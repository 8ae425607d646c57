import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repo } from '../support/cli.js';

export interface BuildRun {
  child: ChildProcess;
  /** Exit code, or the signal that ended it. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** `sugaku build` in `cwd` as a child process, with extra environment (TZ, NODE_OPTIONS). */
export function startBuild(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): BuildRun {
  const child = spawn(process.execPath, [path.join(repo, 'bin/sugaku.js'), 'build', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
  return { child, done };
}

/** The example site's sources, templates and config, with paths for `sugaku build`. */
export function exampleSiteArgs(out: string, cacheDir: string, content = 'content'): string[] {
  return [
    ...['--content', content, '--out', out, '--cache-dir', cacheDir],
    ...['--config', path.join(repo, 'sugaku.config.yaml')],
    ...['--templates', path.join(repo, 'templates'), '--public', path.join(repo, 'public')],
  ];
}

/**
 * A larger site: `copies` copies of every example article (own slug, own series), each
 * with `edition` appended to its text, so a new edition changes every page.
 */
export async function writeLargeSite(
  contentDir: string,
  copies: number,
  edition: string,
): Promise<void> {
  const posts = path.join(contentDir, 'posts');
  await mkdir(posts, { recursive: true });
  const examples = path.join(repo, 'content/posts');
  for (const name of (await readdir(examples)).filter((file) => file.endsWith('.md')).sort()) {
    const text = await readFile(path.join(examples, name), 'utf8');
    for (let copy = 0; copy < copies; copy++) {
      const slug = /^slug: (.+)$/m.exec(text)?.[1] ?? name.replace(/\.md$/, '');
      const copied = text
        .replace(/^slug: .+\n/m, '')
        .replace(/^---\n/, `---\nslug: ${slug}-${copy}\n`)
        .replace(/^series: (.+)$/m, `series: $1 ${copy}`);
      await writeFile(
        path.join(posts, `${copy}-${name}`),
        `${copied}\n\n${edition}（第 ${copy} 部）$x_{${copy}}$。\n`,
      );
    }
  }
}
