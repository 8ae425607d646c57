import { importedSettings } from './config-file.js';
import type { DateOrigin, ImportPlan, NoteKind } from './types.js';

export interface SummaryPlaces {
  /** As the author would type them, relative to the current folder. */
  source: string;
  content: string;
  public: string;
  dryRun: boolean;
  /** What was done about the site config's settings for imported articles. */
  config: 'written' | 'exists' | 'would write';
  configFile: string;
  /** The command that builds the imported site. */
  buildCommand: string;
}

const DATE_ORIGIN: Record<DateOrigin, string> = {
  date: 'date',
  published_at: 'published_at',
  updated_at: 'updated_at',
  git: 'first commit',
  'file time': 'the file time, not in git',
};

/** How the summary counts each kind of note: one and many. */
const NOTE_KIND: Record<NoteKind, [string, string]> = {
  'front-matter': ['front matter note', 'front matter notes'],
  block: ['`:::` block', '`:::` blocks'],
  'display-math': ['`$$` block to fix', '`$$` blocks to fix'],
  escape: ['Markdown escape in math', 'Markdown escapes in math'],
  embed: ['Zenn embed', 'Zenn embeds'],
  html: ['line with HTML', 'lines with HTML'],
  image: ['image', 'images'],
  link: ['link to an imported article', 'links to imported articles'],
};

/** What an import did or would do, for the terminal. Pure. */
export function importSummary(plan: ImportPlan, places: SummaryPlaces): string {
  const from = plan.dialect === 'zenn' ? 'Zenn' : 'Qiita';
  const verb = places.dryRun ? 'Would import' : 'Imported';
  const drafts = plan.articles.filter((article) => article.draft).length;
  const lines = [
    `${verb} ${count(plan.articles.length, 'article')} from ${from} (${places.source}) into ${places.content}/posts/` +
      (drafts > 0 ? `, ${drafts} of them kept as draft${drafts === 1 ? '' : 's'}` : '') +
      (plan.images.length > 0
        ? `, and ${count(plan.images.length, 'image')} into ${places.public}/images/`
        : '') +
      ':',
  ];
  const width = Math.max(0, ...plan.articles.map((article) => columns(article.from)));
  for (const article of plan.articles) {
    const flags = [
      `date from ${DATE_ORIGIN[article.dateFrom]}`,
      ...(article.draft ? ['draft'] : []),
    ];
    const pad = ' '.repeat(width - columns(article.from));
    lines.push(`  ${article.from}${pad} → ${places.content}/${article.to}  (${flags.join('; ')})`);
  }
  for (const { path, why } of plan.leftOut) lines.push(`Left out ${path}: ${why}.`);

  if (plan.notes.length > 0) {
    const tally = new Map<NoteKind, number>();
    for (const note of plan.notes) tally.set(note.kind, (tally.get(note.kind) ?? 0) + 1);
    const counted = [...tally].map(([kind, n]) => `${n} ${NOTE_KIND[kind][n === 1 ? 0 : 1]}`);
    lines.push('', `To look at: ${counted.join(', ')}`);
    for (const note of plan.notes) {
      lines.push(`  ${places.content}/${note.file}:${note.line}: ${note.message}`);
    }
  }
  const settings = importedSettings(plan.needsMarkdownEscapes).join(' and ');
  const why = plan.needsMarkdownEscapes
    ? 'so that line breaks show as they did and \\_ and \\* in formulas read as _ and *'
    : 'so that line breaks show as they did';
  lines.push(
    '',
    places.config === 'written'
      ? `Wrote ${places.configFile} with ${settings}, ${why}.`
      : places.config === 'would write'
        ? `Would write ${places.configFile} with ${settings}, ${why}.`
        : `Add ${settings} to ${places.configFile}, ${why}.`,
  );
  lines.push(
    '',
    places.dryRun ? 'Nothing was written (--dry-run).' : `Next: ${places.buildCommand}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Terminal columns, so that Japanese file names line up: wide characters take two. */
function columns(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
