import { buildLikeHelp, optionLines } from './options.js';

export class UsageError extends Error {}

/** `sugaku import` reads a folder, not a site: its options are its own (`import-command.ts`). */
const IMPORT_OPTIONS = `  --out DIR         content folder to write (default: content)
  --public DIR      where Zenn's images go (default: the public folder beside --out)
  --config FILE     site config to read, and to write when there is none
  --dry-run         show what would be written, write nothing
  --force           overwrite files that exist`;

const COMMAND_SUMMARY = {
  build: ['sugaku build [options]', 'Build the site from content/ into dist/.'],
  dev: [
    'sugaku dev [options]',
    'Build with drafts, serve at http://127.0.0.1:4321/, rebuild and reload on every change.',
  ],
  new: ['sugaku new "タイトル" [options]', 'Write content/posts/<slug>.md for a new article.'],
  import: [
    'sugaku import zenn <repo> [options] | sugaku import qiita <folder> [options]',
    'Move articles from a Zenn repository or a Qiita CLI folder into a content folder.',
  ],
} as const;

/** `sugaku <command> --help`: what the command does and every option it takes. */
export function commandHelp(command: string): string | undefined {
  if (!Object.hasOwn(COMMAND_SUMMARY, command)) return undefined;
  const name = command as keyof typeof COMMAND_SUMMARY;
  const [synopsis, what] = COMMAND_SUMMARY[name];
  const options = name === 'import' ? IMPORT_OPTIONS : optionLines(name).join('\n');
  return `Usage: ${synopsis}\n\n${what}\n\nOptions:\n${options}\n  --debug           print the stack trace of an internal error\n`;
}

export const usage = `Usage: sugaku <command> [options]

Commands:
  build   Build the site from content/ into dist/
  dev     Build with drafts, serve at http://127.0.0.1:4321/, rebuild and reload on every change
  new     Write content/posts/<slug>.md for a new article: sugaku new "対数の性質"
  import  Move articles from Zenn or Qiita: sugaku import zenn <repo>, sugaku import qiita <folder>

Build options:
${optionLines('build').join('\n')}

Dev options: ${buildLikeHelp('dev')}

New options:
${optionLines('new').join('\n')}

Import options:
${IMPORT_OPTIONS}

Every command: --help (-h) prints its own help; --debug prints the stack trace of an
internal error. sugaku --version prints the version.

Exit codes: 0 built, 1 content errors or a write the disk refused (nothing written) or, for
new, the file exists, 2 usage or config errors or, with --no-wait, another build writing the
output folder, 70 an internal error (a bug in sugaku; nothing written).
`;
