import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { formatDiagnostic, hasErrors } from '../diagnostics/index.js';
import {
  existingFiles,
  importSummary,
  importedSiteConfig,
  planImport,
  readImportFolder,
  writeImport,
  type ImportDialect,
  type SummaryPlaces,
} from '../import/index.js';
import { useColor } from './print.js';
import { UsageError } from './usage.js';

const DIALECTS: readonly ImportDialect[] = ['zenn', 'qiita'];
const CONFIG_FILE = 'sugaku.config.yaml';

/**
 * `sugaku import zenn <repo>` / `sugaku import qiita <folder>`: articles into `<out>/posts/`,
 * Zenn's images into the public folder beside it, never over an existing file without --force.
 */
export async function runImport(args: string[], cwd = process.cwd()): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'content' },
      public: { type: 'string' },
      config: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  const [dialect, sourceArg, ...extra] = positionals;
  if (!DIALECTS.includes(dialect as ImportDialect) || sourceArg === undefined || extra.length > 0) {
    throw new UsageError(
      dialect !== undefined && !DIALECTS.includes(dialect as ImportDialect)
        ? `import reads zenn or qiita, not "${dialect}": sugaku import zenn <repo>`
        : 'import needs what and from where: sugaku import zenn <repo> or sugaku import qiita <folder>',
    );
  }
  const dryRun = values['dry-run'];
  const contentDir = path.resolve(cwd, values.out);
  // The public folder beside the content folder: `content/` → `public/`, as `sugaku build` reads them.
  const publicDir = path.resolve(
    cwd,
    values.public ?? path.join(path.dirname(values.out), 'public'),
  );
  const sourceDir = path.resolve(cwd, sourceArg);
  const shown = (file: string) => path.relative(cwd, file).split(path.sep).join('/') || '.';

  const { config, diagnostics } = await loadConfig(values.config, cwd);
  if (!config || hasErrors(diagnostics)) {
    for (const diagnostic of diagnostics) {
      process.stderr.write(
        `${formatDiagnostic(diagnostic, { color: useColor(process.stderr) })}\n\n`,
      );
    }
    return 2;
  }
  const folder = await readImportFolder(dialect as ImportDialect, sourceDir);
  if ('problem' in folder) {
    process.stderr.write(`sugaku: ${folder.problem}\n`);
    return 2;
  }
  const plan = planImport(folder, config.timeZone);
  const targets = { sourceDir, contentDir, publicDir };

  const existing = await existingFiles(plan, targets);
  if (existing.length > 0 && !values.force && !dryRun) {
    process.stderr.write(refusal(existing.map(shown)));
    return 1;
  }

  const configFile = path.resolve(cwd, values.config ?? CONFIG_FILE);
  const configAction: SummaryPlaces['config'] = (await exists(configFile))
    ? 'exists'
    : dryRun
      ? 'would write'
      : 'written';
  if (!dryRun) {
    try {
      await writeImport(plan, targets, values.force);
    } catch (error) {
      // Another program wrote one of the files after we looked.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      process.stderr.write(refusal([shown((error as NodeJS.ErrnoException).path ?? '')]));
      return 1;
    }
    if (configAction === 'written')
      await writeFile(configFile, importedSiteConfig(plan.needsMarkdownEscapes), { flag: 'wx' });
  }

  const content = shown(contentDir);
  const publicShown = shown(publicDir);
  const buildCommand = [
    'npm run build --',
    `--content ${content}`,
    ...(publicShown === 'public' ? [] : [`--public ${publicShown}`]),
    ...(values.config === undefined ? [] : [`--config ${values.config}`]),
  ].join(' ');
  process.stdout.write(
    importSummary(plan, {
      source: sourceArg.replace(/(.)\/+$/, '$1'),
      content,
      public: publicShown,
      dryRun,
      config: configAction,
      configFile: shown(configFile),
      buildCommand,
    }),
  );
  if (dryRun && existing.length > 0 && !values.force) {
    process.stdout.write(
      `${existing.length} of these files exist already: the import would stop unless --force is given.\n`,
    );
  }
  return 0;
}

function refusal(files: string[]): string {
  const listed = files
    .slice(0, 10)
    .map((file) => `  ${file}\n`)
    .join('');
  const more = files.length > 10 ? `  and ${files.length - 10} more\n` : '';
  return (
    `sugaku: ${files.length === 1 ? 'this file exists' : `these ${files.length} files exist`} already; nothing was written:\n` +
    `${listed}${more}Import into another folder with --out, or add --force to overwrite them.\n`
  );
}

async function exists(file: string): Promise<boolean> {
  return access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
}
