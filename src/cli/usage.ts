export class UsageError extends Error {}

export const usage = `Usage: sugaku <command> [options]

Commands:
  build   Build the site from content/ into dist/
  dev     Build with drafts, serve at http://127.0.0.1:4321/, rebuild and reload on every change
  new     Write content/posts/<slug>.md for a new article: sugaku new "対数の性質"
  import  Move articles from Zenn or Qiita: sugaku import zenn <repo>, sugaku import qiita <folder>

Build options:
  --content DIR     folder with posts/ (default: content)
  --out DIR         output folder (default: dist)
  --config FILE     site config (default: sugaku.config.yaml if present)
  --templates DIR   templates folder (default: templates)
  --public DIR      static files copied as they are (default: public)
  --base-path PATH  prefix of every internal link, e.g. /blog/
  --drafts          include articles with draft: true
  --strict          fail on warnings too
  --quiet           print errors only
  --jobs N          worker threads (default: one per core; 1 renders in the main thread)
  --cache-dir DIR   render cache (default: .cache)
  --no-cache        render everything, keep no cache on disk

Dev options: the build options above except --out, --drafts (always on) and --quiet, and
  --port N          port to listen on (default: 4321)
  --host HOST       address to listen on (default: 127.0.0.1, this machine only)

New options:
  --slug SLUG       file and URL name (default: the title, with spaces and symbols turned into -)
  --tags a,b        tags, separated by commas
  --series NAME     series the article belongs to
  --content DIR     folder with posts/ (default: content)
  --config FILE     site config, for the time zone and the default author

Every command: --debug prints the stack trace of an internal error.

Exit codes: 0 built, 1 content errors (nothing written) or, for new, the file exists,
2 usage or config errors, 70 an internal error (a bug in sugaku; nothing written).
`;
