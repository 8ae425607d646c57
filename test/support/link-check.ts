import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { decodeXml, listFiles } from './file-tree.js';

export interface LinkCheckOptions {
  /** The site's base path; every internal URL must start with it. Default `/`. */
  basePath?: string;
  /**
   * The site's absolute URL (`baseUrl` of the config). Absolute links under it — canonical
   * URLs, feed and sitemap entries — are checked like internal ones. Others are external.
   */
  siteUrl?: string;
  /** Pages whose own links are not checked (huge ones); links into them still are. */
  skip?: (file: string) => boolean;
}

export interface BrokenLink {
  /** The output file the link is in, relative to the output folder. */
  file: string;
  /** The URL as written. */
  url: string;
  problem: string;
}

/** Attributes that hold one URL, by element. */
const URL_ATTRIBUTES: readonly [selector: string, attribute: string][] = [
  ['a[href]', 'href'],
  ['area[href]', 'href'],
  ['link[href]', 'href'],
  ['img[src]', 'src'],
  ['script[src]', 'src'],
  ['source[src]', 'src'],
  ['iframe[src]', 'src'],
  ['video[poster]', 'poster'],
  ['form[action]', 'action'],
  ['meta[property="og:url"]', 'content'],
  ['meta[property="og:image"]', 'content'],
  ['meta[name="twitter:image"]', 'content'],
];
const SRCSET_SELECTOR = 'img[srcset], source[srcset]';
const SCHEMES_OFF_SITE = /^(mailto|tel|sms):/i;
const SCRIPT_SCHEMES = /^\s*(javascript|vbscript|data:text\/html)/i;

/**
 * Every internal link, image, stylesheet, font and fragment of a built site, checked
 * against the files in `outDir` the way a static host serves them: `/a/` is
 * `a/index.html`, `#x` must be an element id in the target page. Reads `.html` pages,
 * `.css` `url(…)`s and `.xml` feeds and sitemaps; external URLs are not fetched.
 */
export async function findBrokenLinks(
  outDir: string,
  options: LinkCheckOptions = {},
): Promise<BrokenLink[]> {
  const basePath = options.basePath ?? '/';
  const siteUrl = options.siteUrl && new URL(options.siteUrl);
  const files = await listFiles(outDir);
  const fileSet = new Set(files);
  const pages = new Map<string, Promise<HTMLElement>>();
  const page = (file: string) => {
    if (!pages.has(file)) pages.set(file, readFile(path.join(outDir, file), 'utf8').then(parse));
    return pages.get(file)!;
  };
  const idCache = new Map<string, Set<string>>();
  const ids = async (file: string): Promise<Set<string>> => {
    if (!idCache.has(file)) {
      const elements = (await page(file)).querySelectorAll('[id]');
      idCache.set(file, new Set(elements.map((element) => element.getAttribute('id')!)));
    }
    return idCache.get(file)!;
  };

  const links: { file: string; url: string }[] = [];
  for (const file of files.filter((f) => !options.skip?.(f))) {
    const extension = path.extname(file);
    if (extension === '.html') {
      links.push(...htmlLinks(await page(file)).map((url) => ({ file, url })));
    } else if (extension === '.css') {
      const css = await readFile(path.join(outDir, file), 'utf8');
      links.push(...cssLinks(css).map((url) => ({ file, url })));
    } else if (extension === '.xml') {
      const xml = await readFile(path.join(outDir, file), 'utf8');
      links.push(...xmlLinks(xml).map((url) => ({ file, url })));
    }
  }

  const broken: BrokenLink[] = [];
  for (const { file, url } of links) {
    const problem = await checkLink(file, url, { basePath, siteUrl, fileSet, ids });
    if (problem) broken.push({ file, url, problem });
  }
  return broken;
}

interface Context {
  basePath: string;
  siteUrl: URL | '' | undefined;
  fileSet: ReadonlySet<string>;
  ids(file: string): Promise<Set<string>>;
}

async function checkLink(file: string, url: string, context: Context): Promise<string | undefined> {
  if (SCRIPT_SCHEMES.test(url)) return 'a script URL';
  if (SCHEMES_OFF_SITE.test(url) || url.startsWith('data:')) return undefined;
  const pageUrl = new URL(`${context.basePath}${urlPathOf(file)}`, 'http://site.invalid');
  let target: URL;
  try {
    target = new URL(url, pageUrl);
  } catch {
    return 'not a valid URL';
  }
  const siteUrl = context.siteUrl;
  if (target.origin !== 'http://site.invalid') {
    if (!siteUrl || target.origin !== siteUrl.origin) return undefined;
    if (!target.pathname.startsWith(siteUrl.pathname)) return undefined;
    // The site's own absolute URL: map it back onto the base path.
    target = new URL(
      `${context.basePath}${target.pathname.slice(siteUrl.pathname.length)}${target.hash}`,
      'http://site.invalid',
    );
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(target.pathname);
  } catch {
    return 'malformed percent-encoding';
  }
  if (!pathname.startsWith(context.basePath)) return `outside the base path ${context.basePath}`;
  const relative = pathname.slice(context.basePath.length);
  const targetFile = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
  if (!context.fileSet.has(targetFile)) {
    return context.fileSet.has(`${targetFile}/index.html`)
      ? 'a folder without its trailing slash'
      : `no file ${targetFile}`;
  }
  if (target.hash.length > 1) {
    let fragment: string;
    try {
      fragment = decodeURIComponent(target.hash.slice(1));
    } catch {
      return 'malformed percent-encoding in the fragment';
    }
    if (!targetFile.endsWith('.html')) return `a fragment on ${targetFile}, which is not a page`;
    if (!(await context.ids(targetFile)).has(fragment))
      return `no element with id "${fragment}" in ${targetFile}`;
  }
  return undefined;
}

/** `posts/a/index.html` → `posts/a/`, `404.html` → `404.html`. */
function urlPathOf(file: string): string {
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  return encoded === 'index.html' ? '' : encoded.replace(/(^|\/)index\.html$/, '$1');
}

function htmlLinks(page: HTMLElement): string[] {
  const urls: string[] = [];
  for (const [selector, attribute] of URL_ATTRIBUTES) {
    for (const element of page.querySelectorAll(selector)) {
      const value = element.getAttribute(attribute);
      if (value !== undefined) urls.push(value.trim());
    }
  }
  for (const element of page.querySelectorAll(SRCSET_SELECTOR)) {
    for (const candidate of (element.getAttribute('srcset') ?? '').split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) urls.push(url);
    }
  }
  return urls;
}

function cssLinks(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)]
    .map((match) => match[2]!.trim())
    .filter((url) => !url.startsWith('data:') && !url.startsWith('#'));
}

/** Atom `href`s and sitemap `<loc>`s. */
function xmlLinks(xml: string): string[] {
  const hrefs = [...xml.matchAll(/<link\b[^>]*\bhref="([^"]*)"/g)].map((m) => decodeXml(m[1]!));
  const locs = [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((m) => decodeXml(m[1]!));
  return [...hrefs, ...locs];
}
