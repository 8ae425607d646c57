import type { TemplateSources } from './templates.js';

/**
 * Stands for an article's body in a rendered page. An article's body is most of its page
 * (KaTeX's markup is about 3 KB a formula); when the templates only print it as it is,
 * the build renders the page around this mark and puts the body's bytes in its place,
 * so the body is never decoded, copied by the template engine and encoded again.
 */
export const ARTICLE_BODY_MARK = '\u0000sugaku:article-body\u0000';

const ANY_USE = /\barticle\.html\b/g;
const RAW_USE = /\{\{-?\s*article\.html\s*\|\s*raw\s*-?\}\}/g;

/** Whether every template that names `article.html` prints it untouched: `{{ article.html | raw }}`. */
export function printsArticleBodyRaw(templates: TemplateSources): boolean {
  return Object.values(templates).every(
    (source) => (source.match(ANY_USE)?.length ?? 0) === (source.match(RAW_USE)?.length ?? 0),
  );
}
