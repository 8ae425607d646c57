import {
  resolveEquationReferences,
  typesetResolutions,
  type ReferenceResolutions,
} from '../../markdown/index.js';
import type { BuildRun } from '../run-context.js';
import type { Article, Site } from '../../model/index.js';

/**
 * Link series: equation and theorem references to other parts of a series,
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
