import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The import table of docs/ARCHITECTURE.md ("Who imports whom"), read from the document
 * itself so that the two cannot drift apart: folder → the folders it may import.
 */
function importTable() {
  const doc = readFileSync(new URL('./docs/ARCHITECTURE.md', import.meta.url), 'utf8');
  const section = doc.split('## Who imports whom')[1]?.split('\n## ')[0] ?? '';
  const table = new Map();
  for (const line of section.split('\n')) {
    const row = /^\|\s*`([a-z]+)\/`\s*\|(.*)\|\s*$/.exec(line);
    if (row)
      table.set(
        row[1],
        [...row[2].matchAll(/`([a-z]+)\/`/g)].map((match) => match[1]),
      );
  }
  if (table.size === 0) throw new Error('docs/ARCHITECTURE.md has no "Who imports whom" table');
  return table;
}

/** One config per folder of src/: what it may not import, and nothing of another folder but its index.ts. */
function importRules() {
  const table = importTable();
  const folders = [...table.keys()];
  return folders.map((folder) => {
    const allowed = table.get(folder);
    const forbidden = folders.filter((other) => other !== folder && !allowed.includes(other));
    const patterns = [
      {
        regex: `^(\\.\\./)+(${folders.join('|')})/(?!index\\.js$)`,
        message: 'Import another folder of src/ through its index.ts (docs/ARCHITECTURE.md).',
      },
    ];
    if (forbidden.length > 0) {
      patterns.push({
        regex: `^(\\.\\./)+(${forbidden.join('|')})/`,
        message: `${folder}/ may import only ${allowed.map((name) => `${name}/`).join(', ') || 'no other folder'} (docs/ARCHITECTURE.md, "Who imports whom").`,
      });
    }
    return {
      files: [`src/${folder}/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns }] },
    };
  });
}

export default tseslint.config(
  { ignores: ['node_modules/', 'lib/', 'dist/', '.cache/', 'test-results/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  ...importRules(),
);
