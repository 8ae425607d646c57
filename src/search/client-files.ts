import { readFile } from 'node:fs/promises';

/**
 * The browser's modules, as compiled by `tsc` into `lib/search/`: the search page's
 * script and the modules it imports, which the build imports too. The same path from
 * `src/search/` (tests) and `lib/search/` (the package): two folders up, then `lib/search/`.
 * Copied, not bundled: four small ES modules need no bundler, and the tokenizer the
 * browser runs is byte for byte the one that made the index.
 */
const COMPILED = new URL('../../lib/search/', import.meta.url);

/** Where the modules go in the site; the search page loads `search.js` from there. */
export const SEARCH_CLIENT_FOLDER = 'assets/search';

const MODULES: [compiled: string, site: string][] = [
  ['client.js', 'search.js'],
  ['query.js', 'query.js'],
  ['tokenize.js', 'tokenize.js'],
  ['format.js', 'format.js'],
];

/** The modules without their source-map comment: the maps stay in the package. */
export async function searchClientFiles(): Promise<{ path: string; content: string }[]> {
  return Promise.all(
    MODULES.map(async ([compiled, site]) => ({
      path: `${SEARCH_CLIENT_FOLDER}/${site}`,
      content: (await readFile(new URL(compiled, COMPILED), 'utf8')).replace(
        /\n\/\/# sourceMappingURL=\S+\s*$/,
        '\n',
      ),
    })),
  );
}
