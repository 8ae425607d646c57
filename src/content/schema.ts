import * as z from 'zod';
import { macroName, type FieldRules } from '../config/index.js';
import { ACCEPTED_DATE_FORMS } from './dates.js';

export const frontMatterKeys = [
  'title',
  'date',
  'updated',
  'tags',
  'author',
  'description',
  'slug',
  'series',
  'part',
  'draft',
  'cover',
  'macros',
] as const;

/**
 * Zenn's and Qiita's keys that mean one of ours, so an article moved from there builds as it is:
 * `topics` → `tags`, `published: false` → `draft: true`, `published_at` → `date` (Zenn),
 * `updated_at` → `updated` (Qiita). Our own key wins where both are written (`article.ts`).
 */
export const borrowedKeys = ['topics', 'published', 'published_at', 'updated_at'] as const;

/**
 * Zenn's and Qiita's keys that mean nothing on a sugaku site (an emoji, `tech`/`idea`, Qiita's
 * item id, limited sharing, slide mode, organisation, `qiita publish` skipping the file):
 * accepted without a warning, since every article written there has them.
 */
export const ignoredKeys = [
  'emoji',
  'type',
  'id',
  'private',
  'slide',
  'organization_url_name',
  'ignorePublish',
] as const;

/** Keys Japanese authors reach for first, and what they mean here. */
export const frontMatterKeyAliases: Record<string, string> = {
  タイトル: 'title',
  題名: 'title',
  日付: 'date',
  更新日: 'updated',
  タグ: 'tags',
  tag: 'tags',
  著者: 'author',
  authors: 'author',
  説明: 'description',
  下書き: 'draft',
  categories: 'tags',
};

/**
 * Slugs, tags and series names become one folder of the output and one segment of a URL,
 * so they must not be able to climb out of it or hide in it.
 */
export function urlSegmentProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must not be empty';
  if (/[/\\]/.test(text)) return 'must not contain `/` or `\\`';
  if (text.includes('..') || text === '.') return 'must not contain `..` or be `.`';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'must not contain control characters';
  return undefined;
}

const urlSegment = z
  .string()
  .trim()
  .superRefine((text, context) => {
    const problem = urlSegmentProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((text) => text.normalize('NFC'));

const oneOrMore = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item));

/** Qiita CLI starts a new article with `tags: ['']`: an empty item is no tag, not a mistake. */
const tagList = z.preprocess(
  (value) => (Array.isArray(value) ? value.filter((item) => item !== '') : value),
  oneOrMore(urlSegment),
);

const dateText = z.string();

export const frontMatterSchema = z.object({
  title: z.string().trim().min(1).optional(),
  date: dateText.optional(),
  updated: dateText.optional(),
  tags: tagList.optional(),
  author: oneOrMore(z.string().trim().min(1)).optional(),
  description: z.string().optional(),
  slug: urlSegment.optional(),
  series: urlSegment.optional(),
  part: z.int().min(1).optional(),
  draft: z.boolean().optional(),
  cover: z.string().trim().min(1).optional(),
  macros: z.record(macroName, z.string()).optional(),
  topics: tagList.optional(),
  published: z.boolean().optional(),
  published_at: dateText.optional(),
  updated_at: dateText.optional(),
});

export type FrontMatterData = z.infer<typeof frontMatterSchema>;

const dateRule = {
  expected: `a date like ${ACCEPTED_DATE_FORMS}`,
  example: 'date: 2025-05-20 10:00',
};
const macrosExample = "macros: { '\\R': '\\mathbb{R}' }";

export const frontMatterRules: FieldRules = {
  title: { expected: 'non-empty text', example: 'title: 対数関数の微分' },
  date: dateRule,
  updated: { ...dateRule, example: 'updated: 2025-06-01' },
  tags: { expected: 'a list of strings', example: 'tags: [解析, 微分]' },
  'tags.*': { expected: 'a string', example: 'tags: [解析, 微分]' },
  author: {
    expected: 'an author id or name, or a list of them',
    example: 'author: [tanaka, 佐藤花子]',
  },
  'author.*': { expected: 'non-empty text', example: 'author: [tanaka, 佐藤花子]' },
  description: { expected: 'text', example: 'description: 対数関数の導関数を求めます' },
  slug: { expected: 'text', example: 'slug: log-derivative' },
  series: { expected: 'text', example: 'series: 微分入門' },
  part: { expected: 'a whole number of at least 1', example: 'part: 2' },
  draft: { expected: 'true or false', example: 'draft: true' },
  cover: { expected: 'a path or URL of an image', example: 'cover: /images/cover.png' },
  macros: { expected: 'a mapping from `\\name` to its definition', example: macrosExample },
  'macros.*': { expected: 'text (the definition)', example: macrosExample },
  topics: { expected: 'a list of strings', example: 'topics: [math, python]' },
  'topics.*': { expected: 'a string', example: 'topics: [math, python]' },
  published: { expected: 'true or false', example: 'published: true' },
  published_at: { ...dateRule, example: 'published_at: 2025-05-20 09:00' },
  updated_at: { ...dateRule, example: "updated_at: '2025-06-01T10:00:00+09:00'" },
};
