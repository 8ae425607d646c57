import type { Article } from '../../content/index.js';
import { resolveEquationReferences, type ReferenceResolutions } from '../../markdown/index.js';
import { focusableDisplays } from '../../render/index.js';
import type { Site } from '../../site/index.js';
import type { BuildRun } from '../run-context.js';

/**
 * Step 4, link series: equation and theorem references to other parts of a series,
 * resolved now that the series are known, by article.
 */
export function linkSeries(run: BuildRun, site: Site): Map<Article, ReferenceResolutions> {
  const linked = resolveEquationReferences(site.articles);
  run.diagnostics.push(...linked.diagnostics);
  return new Map(
    site.articles.map((article, index) => [
      article.rendered.article,
      typesetResolutions(linked.resolutions[index]!),
    ]),
  );
}

/**
 * Bodies are typeset when their article is rendered; a formula rendered again with links
 * to another part of its series is not, and a display among them must still take focus.
 */
function typesetResolutions(resolutions: ReferenceResolutions): ReferenceResolutions {
  const typeset: ReferenceResolutions = {};
  for (const [id, resolution] of Object.entries(resolutions)) {
    typeset[Number(id)] =
      resolution.kind === 'html'
        ? { kind: 'html', html: focusableDisplays(resolution.html) }
        : resolution;
  }
  return typeset;
}
