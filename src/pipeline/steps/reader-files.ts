import type { SiteConfig } from '../../config/index.js';
import type { ReferenceResolutions } from '../../markdown/index.js';
import { sha256 } from '../fingerprint.js';
import type { KeyedFile } from '../output-keys.js';
import type { BuildRun } from '../run-context.js';
import { feedArticles, feedFiles, sitemapFiles, sitemapInputs } from '../site-files.js';
import { articleBody } from './render-articles.js';
import type { Article, OutputFile, Site, SiteArticle } from '../../model/index.js';

/**
 * Feed, sitemap and robots.txt (`pipeline/site-files.ts`), made again only when what they
 * show changed.
 */
export async function readerFiles(
  run: BuildRun,
  site: Site,
  config: SiteConfig,
  siteKey: string,
  articleKeys: Map<Article, string>,
  equationLinks: Map<Article, ReferenceResolutions>,
): Promise<KeyedFile[]> {
  const body = ({ rendered: { article } }: SiteArticle) =>
    articleBody(run, articleKeys.get(article)!, equationLinks.get(article) ?? {});
  const keyOf = (article: SiteArticle) => articleKeys.get(article.rendered.article)!;
  const feedKey = sha256(
    'feed',
    siteKey,
    ...feedArticles(site).map((article) =>
      JSON.stringify([
        keyOf(article),
        article.url,
        article.authors,
        article.tags,
        equationLinks.get(article.rendered.article) ?? {},
      ]),
    ),
  );
  const sitemapKey = sha256('sitemap', siteKey, sitemapInputs(site));
  return [
    ...(await generated(run, feedKey, () => feedFiles(site, config, body))),
    ...(await generated(run, sitemapKey, async () => sitemapFiles(site, config))),
  ];
}

/** Files made from `key`: the previous build's if they are still as it left them, else made now. */
async function generated(
  run: BuildRun,
  key: string,
  make: () => Promise<OutputFile[]>,
): Promise<KeyedFile[]> {
  const kept = await run.destination.keptGroup(key);
  if (kept) return kept;
  return (await make()).map((file) => ({ path: file.path, key, file }));
}
