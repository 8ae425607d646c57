import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SiteConfig } from '../../config/index.js';
import {
  loadTemplates,
  printsArticleBodyRaw,
  TEMPLATE_FOR_KIND,
  templatesUsedBy,
} from '../../render/index.js';
import { sha256 } from '../fingerprint.js';
import type { BuildHint } from '../options.js';
import type { BuildRun } from '../run-context.js';
import type { PageSetup } from '../tasks.js';
import type { PageSpec } from '../../model/index.js';

export interface PageTemplates {
  setup: PageSetup;
  /** The key of the templates a page of this kind reads. */
  templatesKey: (kind: PageSpec['kind']) => string;
}

/**
 * The templates the pages are rendered with, remembered while the watcher names nothing in
 * their folder; undefined, with a diagnostic, when there is no such folder.
 */
export async function loadPageTemplates(
  run: BuildRun,
  config: SiteConfig,
  fingerprint: string,
  hint: BuildHint | undefined,
): Promise<PageTemplates | undefined> {
  const { options } = run;
  const templatesDir = path.resolve(options.cwd, options.templatesDir);
  const sourceDir = path.relative(options.cwd, templatesDir).split(path.sep).join('/') || '.';
  const templates = await run.memory.remembered.folder(templatesDir, hint, async () =>
    (await isFolder(templatesDir)) ? loadTemplates(templatesDir) : undefined,
  );
  if (!templates) {
    run.diagnostics.push({
      file: sourceDir,
      line: 1,
      column: 1,
      severity: 'error',
      code: 'config/no-templates',
      message: `There is no templates folder at ${sourceDir}.`,
      hint: 'Copy the templates/ folder of sugaku into your site, or pass --templates DIR.',
    });
    return undefined;
  }
  for (const [name, text] of Object.entries(templates))
    run.sources.set(`${sourceDir}/${name}`, text);

  const setup: PageSetup = {
    id: sha256(fingerprint, JSON.stringify(templates), JSON.stringify(config), sourceDir),
    templates,
    config,
    sourceDir,
    spliceBodies: printsArticleBodyRaw(templates),
  };
  // A page is made again when a template it reads changed, not when any did: an edit of
  // the article template leaves the lists alone.
  const pageTemplates = new Map<PageSpec['kind'], string>();
  const templatesKey = (kind: PageSpec['kind']): string => {
    let key = pageTemplates.get(kind);
    if (key === undefined) {
      const used = templatesUsedBy(templates, TEMPLATE_FOR_KIND[kind]);
      key = used
        ? sha256(
            fingerprint,
            JSON.stringify(config),
            sourceDir,
            String(setup.spliceBodies),
            ...used.flatMap((name) => [name, templates[name] ?? '']),
          )
        : setup.id;
      pageTemplates.set(kind, key);
    }
    return key;
  };
  return { setup, templatesKey };
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
