export class UsageError extends Error {}

export const usage = `Usage: sugaku <command> [options]

Commands:
  build   Build the site from content/ into dist/

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

Exit codes: 0 built, 1 content errors (nothing written), 2 usage or config errors.
`;
