import { buildLikeHelp, optionLines } from './options.js';

export class UsageError extends Error {}

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

Every command: --debug prints the stack trace of an internal error.

Exit codes: 0 built, 1 content errors or a write the disk refused (nothing written) or, for
new, the file exists, 2 usage or config errors or, with --no-wait, another build writing the
output folder, 70 an internal error (a bug in sugaku; nothing written).
`;
