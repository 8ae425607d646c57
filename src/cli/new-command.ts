import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/index.js';
import {
  newArticleText,
  newSlugProblem,
  parseTagList,
  slugFromTitle,
  wallTime,
} from '../dev/index.js';
import { formatDiagnostic, hasErrors } from '../diagnostics/index.js';
import { parseCommandArgs } from './options.js';
import { useColor } from './print.js';
import { UsageError } from './usage.js';

export interface NewCommandContext {
  cwd: string;
  /** The clock, injectable so tests know the date written. */
  now: () => Date;
}

/** `sugaku new "タイトル"`: write `content/posts/<slug>.md`, never over an existing file. */
export async function runNew(
  args: string[],
  context: NewCommandContext = { cwd: process.cwd(), now: () => new Date() },
): Promise<number> {
  const { values, positionals } = parseCommandArgs('new', args, true);
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'new needs a title: sugaku new "対数の性質"'
        : `new takes one title; quote a title with spaces: sugaku new "${positionals.join(' ')}"`,
    );
  }
  // One line: a title is a heading, and YAML would fold a line break into something else.
  const title = (positionals[0] ?? '').replace(/\s+/g, ' ').trim();
  if (title === '') throw new UsageError('the title is empty');

  const slug = values.slug?.normalize('NFC') ?? slugFromTitle(title);
  if (values.slug !== undefined) {
    const problem = newSlugProblem(slug);
    if (problem) throw new UsageError(`--slug "${values.slug}" ${problem}`);
  } else if (slug === '') {
    throw new UsageError(`no slug can be made from the title "${title}"; give one with --slug`);
  }
  const tags = values.tags === undefined ? [] : parseTagList(values.tags);
  for (const tag of tags) {
    if (/[/\\]|\.\./.test(tag))
      throw new UsageError(`the tag "${tag}" must not contain /, \\ or ..`);
  }
  const series = values.series?.trim();
  if (series !== undefined && (series === '' || /[/\\]|\.\./.test(series))) {
    throw new UsageError(`--series "${values.series}" must not be empty or contain /, \\ or ..`);
  }

  const { config, diagnostics } = await loadConfig(values.config, context.cwd);
  if (!config || hasErrors(diagnostics)) {
    for (const diagnostic of diagnostics) {
      process.stderr.write(
        `${formatDiagnostic(diagnostic, { color: useColor(process.stderr) })}\n\n`,
      );
    }
    return 2;
  }

  const text = newArticleText({
    title,
    date: wallTime(context.now(), config.timeZone),
    tags,
    ...(config.defaultAuthor !== undefined ? { author: config.defaultAuthor } : {}),
    ...(series !== undefined ? { series } : {}),
  });
  const posts = path.resolve(context.cwd, values.content, 'posts');
  const file = path.join(posts, `${slug}.md`);
  const shown = path.relative(context.cwd, file).split(path.sep).join('/');
  await mkdir(posts, { recursive: true });
  try {
    // `wx`: fail if the file exists, atomically, so two runs can't both write it.
    await writeFile(file, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      process.stderr.write(
        `sugaku: ${shown} already exists; nothing was written. ` +
          'Edit that file, or choose another name with --slug.\n',
      );
      return 1;
    }
    throw error;
  }
  process.stdout.write(
    `Created ${shown} (draft: true; delete that line to publish it with npm run build)\n`,
  );
  return 0;
}
