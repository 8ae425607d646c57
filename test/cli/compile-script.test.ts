import { execFileSync } from 'node:child_process';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo } from '../support/cli.js';

/**
 * `npm run build` compiles the generator first, but only when its sources changed: on a
 * copy of the project layout with one small source file, as an author's checkout has it.
 */
describe('the compile step before a build', () => {
  let project: string;
  const compile = () =>
    execFileSync(process.execPath, [path.join(project, 'scripts/compile.js')], {
      encoding: 'utf8',
    });

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'sugaku-compile-'));
    await mkdir(path.join(project, 'scripts'));
    await mkdir(path.join(project, 'src'));
    await copyFile(path.join(repo, 'scripts/compile.js'), path.join(project, 'scripts/compile.js'));
    await copyFile(path.join(repo, 'tsconfig.json'), path.join(project, 'tsconfig.json'));
    await copyFile(
      path.join(repo, 'tsconfig.build.json'),
      path.join(project, 'tsconfig.build.json'),
    );
    await symlink(path.join(repo, 'node_modules'), path.join(project, 'node_modules'));
    await writeFile(path.join(project, 'package.json'), '{ "type": "module" }\n');
    await writeFile(path.join(project, 'src/main.ts'), 'export const 題 = "二次方程式";\n');
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  // One story, three runs of the compiler: each costs seconds.
  it('compiles a fresh checkout, skips when nothing changed, stops on errors, and picks up new files', async () => {
    compile();
    expect(await readFile(path.join(project, 'lib/main.js'), 'utf8')).toContain('二次方程式');

    // A source the compiler would refuse, dated (with its folder) before that compile:
    // only a run of the compiler could fail on it.
    const main = path.join(project, 'src/main.ts');
    await writeFile(main, 'export const 題: number = "三次方程式";\n');
    const before = new Date(Date.now() - 60_000);
    await utimes(main, before, before);
    await utimes(path.join(project, 'src'), before, before);
    expect(() => compile()).not.toThrow();

    // Saved now: compiled, refused, and tried again next time.
    await utimes(main, new Date(), new Date());
    expect(() => compile()).toThrow();
    await writeFile(main, 'export const 題 = "三次方程式";\n');
    await writeFile(path.join(project, 'src/lemma.ts'), 'export const 補題 = 1;\n');
    compile();
    expect(await readFile(path.join(project, 'lib/main.js'), 'utf8')).toContain('三次方程式');
    expect(await readFile(path.join(project, 'lib/lemma.js'), 'utf8')).toContain('補題');
  });
});
