import { loadConfig } from '../config/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { checkLinks } from './links.js';
import { codeFingerprint, sha256 } from './fingerprint.js';
import type { BuildHint, BuildResult } from './options.js';
import { finish, type BuildRun } from './run-context.js';
import { linkSeries } from './steps/link-series.js';
import { loadPageTemplates } from './steps/load-templates.js';
import { placeSite } from './steps/place-site.js';
import { readSiteSources } from './steps/read-sources.js';
import { readerFiles } from './steps/reader-files.js';
import { renderArticles } from './steps/render-articles.js';
import { planPages, renderPages } from './steps/render-pages.js';
import { startSearchIndex } from './steps/search-index.js';
import { openOutput, rememberOutput, searchFiles, writeFiles } from './steps/write.js';

/**
 * One build: the stages in order, diagnostics collected, the output committed only if all
 * is well. Each step is a function of its own in `steps/`.
 */
export async function runBuild(run: BuildRun, hint?: BuildHint): Promise<BuildResult> {
  const result = await steps(run, hint);
  if (result.exitCode === 0 && run.searchState) {
    run.memory.searchState = { outDir: run.destination.outDir, state: run.searchState };
    await run.destination.saveSearchState(run.searchState);
  }
  return result;
}

async function steps(run: BuildRun, hint?: BuildHint): Promise<BuildResult> {
  const { options } = run;
  const configured = await loadConfig(options.configPath, options.cwd, {
    basePath: options.basePath,
  });
  run.diagnostics.push(...configured.diagnostics);
  await run.destination.prepare();
  if (!configured.config || hasErrors(configured.diagnostics)) return finish(run, 2);
  const config = configured.config;
  run.basePath = config.basePath;
  const fingerprint = await codeFingerprint();

  const sources = await readSiteSources(run, config, fingerprint, hint);
  const rendered = await renderArticles(run, sources.articles);
  if (hasErrors(run.diagnostics, options.strict)) return finish(run, 1);
  const search = await startSearchIndex(run, sources.articles, config);
  const site = placeSite(run, rendered.articles, config);
  const equationLinks = linkSeries(run, site);
  const templates = await loadPageTemplates(run, config, fingerprint, hint);
  if (!templates) return finish(run, 2);

  const siteKey = sha256(fingerprint, JSON.stringify(config));
  const assets = [
    ...sources.assets,
    ...(await sources.variants),
    ...(await readerFiles(run, site, config, siteKey, rendered.keys, equationLinks)),
  ];
  const paths = assets.map((file) => file.path);
  run.diagnostics.push(...checkLinks(site, config, paths, configured.menuLocations));

  const plans = planPages(run, site, templates.templatesKey, rendered.keys, equationLinks);
  const output = await openOutput(run, plans, assets);
  try {
    await renderPages(
      { run, site, config, templates, session: output.session },
      plans,
      output.keep,
    );
    await run.runner.release();
    const searchIndex = await searchFiles(run, output, search);
    await writeFiles(run, output, [...assets, ...searchIndex]);
    if (hasErrors(run.diagnostics, options.strict)) {
      await output.session.abort();
      return finish(run, 1);
    }
    await output.session.commit();
  } catch (error) {
    await output.session.abort();
    throw error;
  }
  await rememberOutput(run, output);
  return finish(run, 0);
}
