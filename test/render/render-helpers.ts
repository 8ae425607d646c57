import { createRenderer, loadTemplates, type TemplateSources } from '../../src/render/index.js';
import type { SiteConfig } from '../../src/config/types.js';
import type { PageSpec, Site } from '../../src/model/index.js';
import { TEMPLATES_DIR } from './fixtures.js';

let cached: Promise<TemplateSources> | undefined;

/** The real templates of the repository, read once per test file. */
export function realTemplates(): Promise<TemplateSources> {
  cached ??= loadTemplates(TEMPLATES_DIR);
  return cached;
}

/** Renders with the real templates and fails the test on any diagnostic. */
export async function renderHtml(spec: PageSpec, site: Site, config: SiteConfig): Promise<string> {
  const result = createRenderer(await realTemplates(), config).renderPage(spec, site);
  if (result.diagnostics.length > 0 || result.html === undefined) {
    throw new Error(`unexpected diagnostics: ${JSON.stringify(result.diagnostics, null, 2)}`);
  }
  return result.html;
}
