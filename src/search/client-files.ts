import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

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
  ['excerpt.js', 'excerpt.js'],
];

/** BudouX's parser and Japanese model, ES modules without imports, beside the client (`client.ts`). */
// `require` finds the CommonJS build (`dist/`); the ES modules are in `module/` beside it.
const BUDOUX = new URL(
  '../module/',
  pathToFileURL(createRequire(import.meta.url).resolve('budoux')),
);
const BUDOUX_MODULES: [packaged: string, site: string][] = [
  ['parser.js', 'budoux-parser.js'],
  ['data/models/ja.js', 'budoux-ja.js'],
];

/** The modules without their source-map comment: the maps stay in the package. */
export async function searchClientFiles(): Promise<{ path: string; content: string }[]> {
  const sources: [URL, string][] = [
    ...MODULES.map(([compiled, site]): [URL, string] => [new URL(compiled, COMPILED), site]),
    ...BUDOUX_MODULES.map(([packaged, site]): [URL, string] => [new URL(packaged, BUDOUX), site]),
  ];
  return Promise.all(
    sources.map(async ([source, site]) => ({
      path: `${SEARCH_CLIENT_FOLDER}/${site}`,
      content: (await readFile(source, 'utf8')).replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'),
    })),
  );
}
