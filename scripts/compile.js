// node scripts/compile.js   (what `npm run build`, `dev`, `test` and `bench` run first)
// Compiles src/ into lib/ only when a source, a tsconfig or the installed packages changed
// since the last compile: TypeScript takes a second or more even when nothing changed,
// and a small blog builds in less.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
/** Written after a compile that succeeded, with the time it started as its modification time. */
const stamp = path.join(root, 'lib/.compiled');
const inputs = [
  'src',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
];

/** The newest modification among files and folders (a deleted file changes its folder). */
function newestChange(entry) {
  const info = statSync(entry, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(entry)) {
    newest = Math.max(newest, newestChange(path.join(entry, name)));
  }
  return newest;
}

const compiledAt = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const changedAt = Math.max(...inputs.map((input) => newestChange(path.join(root, input))));
if (changedAt >= compiledAt) {
  const started = new Date();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Stamped with the start: a source saved while `tsc` ran is compiled next time.
  writeFileSync(stamp, '');
  utimesSync(stamp, started, started);
}
