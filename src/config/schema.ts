import * as z from 'zod';
import type { FieldRules } from './yaml-mapping.js';

/** Keys of the config file, as the author writes them; every one is optional. */
export const configKeys = [
  'title',
  'description',
  'baseUrl',
  'basePath',
  'language',
  'timeZone',
  'authors',
  'defaultAuthor',
  'menu',
  'postsPerPage',
  'readMoreCount',
  'macros',
  'math',
  'markdown',
  'theorems',
  'readingSpeed',
] as const;

export const authorKeys = ['name', 'bio', 'url', 'avatar'] as const;
export const mathKeys = ['markdownEscapes'] as const;
export const markdownKeys = ['breaks'] as const;
export const theoremKeys = ['numberWithin'] as const;
export const menuItemKeys = ['label', 'url'] as const;

/**
 * `\name`, or one character that is not an ASCII letter or digit: KaTeX takes a macro
 * named by a single character as an active character (`’` → `'` for text pasted from a
 * word processor). A lone letter such as `R` is refused: it is a forgotten backslash far
 * more often than a wish to replace every R.
 */
export const macroName = z
  .string()
  .refine(
    (name) => /^\\./s.test(name) || ([...name].length === 1 && !/^[A-Za-z0-9\s]$/.test(name)),
    'macro names must start with `\\` (or be one character that is not a letter or digit, such as `’`)',
  );

const link = z
  .string()
  .refine(isLink, 'must be a site path starting with `/` or an http(s) or mailto URL');

const authorProfile = z.object({
  name: z.string().trim().min(1),
  bio: z.string().optional(),
  url: link.optional(),
  avatar: link.optional(),
});

const menuItem = z.object({ label: z.string().trim().min(1), url: link });

export const configFileSchema = z
  .object({
    title: z.string(),
    description: z.string(),
    baseUrl: z
      .string()
      .refine(isHttpUrl, 'must be an absolute http:// or https:// URL without `?` or `#`'),
    basePath: z
      .string()
      .refine(isSafeBasePath, 'must be a path like /blog/ without `..`, `?`, `#`, `\\` or spaces'),
    language: z.string().refine(isLanguageTag, 'must be a language tag such as ja or en'),
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Tokyo'),
    authors: z.record(
      z
        .string()
        .regex(
          /^[A-Za-z0-9_-]+$/,
          'author ids appear in URLs and may only use letters, digits, `-` and `_`',
        ),
      authorProfile,
    ),
    defaultAuthor: z.string(),
    menu: z.array(menuItem),
    postsPerPage: z.int().min(1),
    readMoreCount: z.int().min(0),
    macros: z.record(macroName, z.string()),
    math: z.object({ markdownEscapes: z.boolean() }).partial(),
    markdown: z.object({ breaks: z.boolean() }).partial(),
    theorems: z.object({ numberWithin: z.enum(['article', 'section']) }).partial(),
    readingSpeed: z.number().positive(),
  })
  .partial();

export type ConfigFile = z.infer<typeof configFileSchema>;

const authorsExample = 'authors: { tanaka: { name: 田中太郎, bio: 解析が好きです } }';
const menuExample = 'menu: [{ label: ホーム, url: / }, { label: 解析, url: /tags/解析/ }]';

export const configRules: FieldRules = {
  title: { expected: 'text', example: 'title: 数学ノート' },
  description: { expected: 'text', example: 'description: 日々の数学の記録' },
  baseUrl: { expected: 'an absolute URL', example: 'baseUrl: https://example.com/blog/' },
  basePath: { expected: 'a path', example: 'basePath: /blog/' },
  language: { expected: 'a language tag', example: 'language: ja' },
  timeZone: { expected: 'an IANA time zone name', example: 'timeZone: Asia/Tokyo' },
  authors: { expected: 'a mapping from author id to name, bio and url', example: authorsExample },
  'authors.*': { expected: 'a mapping with name, bio and url', example: authorsExample },
  'authors.*.name': { expected: 'non-empty text', example: authorsExample },
  'authors.*.bio': { expected: 'text', example: authorsExample },
  'authors.*.url': { expected: 'a link', example: 'url: https://example.com/~tanaka/' },
  'authors.*.avatar': { expected: 'a link to an image', example: 'avatar: /images/tanaka.png' },
  defaultAuthor: { expected: 'an author id', example: 'defaultAuthor: tanaka' },
  menu: { expected: 'a list of items with label and url', example: menuExample },
  'menu.*': { expected: 'a mapping with label and url', example: menuExample },
  'menu.*.label': { expected: 'non-empty text', example: menuExample },
  'menu.*.url': { expected: 'a link', example: menuExample },
  postsPerPage: { expected: 'a whole number of at least 1', example: 'postsPerPage: 10' },
  readMoreCount: { expected: 'a whole number of at least 0', example: 'readMoreCount: 3' },
  macros: {
    expected: 'a mapping from `\\name` to its definition',
    example: "macros: { '\\R': '\\mathbb{R}' }",
  },
  'macros.*': { expected: 'text (the definition)', example: "macros: { '\\R': '\\mathbb{R}' }" },
  math: { expected: 'a mapping of math options', example: 'math: { markdownEscapes: true }' },
  'math.markdownEscapes': { expected: 'true or false', example: 'math: { markdownEscapes: true }' },
  markdown: { expected: 'a mapping of Markdown options', example: 'markdown: { breaks: true }' },
  'markdown.breaks': { expected: 'true or false', example: 'markdown: { breaks: true }' },
  theorems: {
    expected: 'a mapping of theorem options',
    example: 'theorems: { numberWithin: section }',
  },
  'theorems.numberWithin': {
    expected: 'article or section',
    example: 'theorems: { numberWithin: section }',
  },
  readingSpeed: {
    expected: 'a positive number of characters per minute',
    example: 'readingSpeed: 600',
  },
};

function isHttpUrl(text: string): boolean {
  const url = parseUrl(text);
  return (
    url !== undefined &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.host !== '' &&
    url.search === '' &&
    url.hash === '' &&
    !text.includes('#')
  );
}

function isLink(text: string): boolean {
  if (text.startsWith('/')) return !hasControlOrSpace(text);
  const url = parseUrl(text);
  return url !== undefined && ['http:', 'https:', 'mailto:'].includes(url.protocol);
}

export function isSafeBasePath(path: string): boolean {
  return (
    !/[?#\\]/.test(path) &&
    !hasControlOrSpace(path) &&
    !path.split('/').some((segment) => segment === '.' || segment === '..')
  );
}

function isLanguageTag(tag: string): boolean {
  try {
    return tag !== '' && Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return timeZone !== '';
  } catch {
    return false;
  }
}

function hasControlOrSpace(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0020\u007f\u3000]/.test(text);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
