import type { ImportDialect, NoteKind } from './types.js';

export interface BodyOptions {
  dialect: ImportDialect;
  /** Files under Zenn's `images/`, relative to it, to tell a broken image link. */
  images: ReadonlySet<string>;
  /** Slugs of the articles imported with this one, to spot links to their old address. */
  slugs: ReadonlySet<string>;
}

export interface ConvertedBody {
  /** The body, unchanged but for the image links rewritten. */
  text: string;
  /** Lines counted from the first line of the body. */
  notes: { line: number; kind: NoteKind; message: string }[];
  /** Inline math holds Markdown escapes such as `\_`. */
  markdownEscapes: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const IMAGE = /!\[([^\]\n]*)\]\(\s*([^\s)]+)/g;
const CONTAINER = /^\s*:::+\s*(message|details|note)\b/;
const EMBED = /^@\[(\w+)\]\(/;
const RAW_HTML =
  /<\/?(details|summary|br|sup|sub|div|span|img|a|font|center|iframe|kbd|u|b|i|p|table)\b[^>]*>/i;
const QIITA_IMAGE =
  /https:\/\/(?:qiita-image-store\.s3\.[\w.-]*amazonaws\.com|qiita-user-contents\.imgix\.net)\//;
const ZENN_ARTICLE = /https:\/\/zenn\.dev\/[\w-]+\/articles\/([\w-]+)/g;
/** `$…$` on one line, not `$$`; the text between has no unescaped `$`. */
const INLINE_MATH = /(?<![\\$])\$(?!\$)((?:\\.|[^$\\])+?)\$(?!\$)/g;
/** What a Markdown habit leaves in TeX: `\_`, `\*`, and doubled `\\{`, `\\}`, `\\,`. */
const MARKDOWN_ESCAPE = /\\[_*]|\\\\[{},;!]/;

/**
 * Rewrite an imported body's image links to where the images now are and note what sugaku
 * may show differently, line by line. Code blocks are left alone and not looked into.
 */
export function convertBody(body: string, options: BodyOptions): ConvertedBody {
  const lines = body.split(/(?<=\n)/);
  const notes: ConvertedBody['notes'] = [];
  let markdownEscapes = false;
  let fence: { char: string; length: number } | undefined;
  let display: { line: number; blank?: number } | undefined;
  const out = lines.map((line, index) => {
    const number = index + 1;
    const note = (kind: NoteKind, message: string) => notes.push({ line: number, kind, message });
    const content = line.replace(/\r?\n$/, '');
    const fenceMatch = FENCE.exec(content);
    if (fence) {
      if (fenceMatch?.[1]?.startsWith(fence.char.repeat(fence.length)) && isFenceEnd(content)) {
        fence = undefined;
      }
      return line;
    }
    if (fenceMatch?.[1]) {
      fence = { char: fenceMatch[1].charAt(0), length: fenceMatch[1].length };
      return line;
    }
    if (display) {
      if (content.trim() === '' && display.blank === undefined) display.blank = number;
      if (content.includes('$$')) {
        if (display.blank !== undefined) {
          notes.push({
            line: display.line,
            kind: 'display-math',
            message: `\`$$\` block with a blank line in it (line ${display.blank}): sugaku reads it but warns (math/blank-line-in-display); delete the blank line`,
          });
        }
        display = undefined;
      }
      return line;
    }
    const trimmed = content.trim();
    if (trimmed.startsWith('$$') && !trimmed.slice(2).includes('$$')) {
      display = { line: number };
      return line;
    }

    const prose = withoutCodeSpans(content);
    const container = CONTAINER.exec(prose)?.[1];
    if (container)
      note('block', `\`:::${container}\` block (${blockOrigin(container)}): check how it looks`);
    const embed = EMBED.exec(prose)?.[1];
    if (embed) note('embed', `Zenn embed \`@[${embed}]\` is shown as text: replace it with a link`);
    // `$x<i$ and $j>0$` is not an `<i>` tag.
    const html = RAW_HTML.exec(prose.replace(INLINE_MATH, (math) => ' '.repeat(math.length)))?.[0];
    if (html)
      note('html', `raw HTML \`${html}\` is shown as text: sugaku leaves HTML out of articles`);
    for (const [, tex = ''] of prose.matchAll(INLINE_MATH)) {
      const escape = MARKDOWN_ESCAPE.exec(tex)?.[0];
      if (!escape) continue;
      markdownEscapes = true;
      note('escape', `Markdown escape \`${escape}\` in the formula \`$${tex}$\``);
    }
    for (const [, slug = ''] of prose.matchAll(ZENN_ARTICLE)) {
      if (options.slugs.has(slug)) {
        note(
          'link',
          `link to the Zenn article ${slug}, imported too: it is now at /posts/${slug}/`,
        );
      }
    }
    return rewriteImages(line, options, note);
  });
  if (display) {
    notes.push({
      line: display.line,
      kind: 'display-math',
      message: '`$$` block that is never closed: add a `$$` line where the formula ends',
    });
  }
  return { text: out.join(''), notes, markdownEscapes };
}

/** Zenn's images at `/images/…` stay there (the public folder is served at the root). */
function rewriteImages(
  line: string,
  options: BodyOptions,
  note: (kind: NoteKind, message: string) => void,
) {
  return line.replace(IMAGE, (whole: string, _alt: string, target: string) => {
    if (options.dialect === 'qiita') {
      if (QIITA_IMAGE.test(target)) {
        note(
          'image',
          `image stored by Qiita (${target.slice(0, 60)}…): download it into public/images/ to keep it`,
        );
      }
      return whole;
    }
    // `../images/…` works in an editor's preview beside articles/, but not on the site.
    const url = target.replace(/^(?:\.\.\/)+images\//, '/images/');
    const file = /^\/images\/([^?#]+)/.exec(url)?.[1];
    if (file !== undefined && !options.images.has(safeDecode(file))) {
      note('image', `image ${url} is not in the repository's images/ folder`);
    }
    // The match ends with the target.
    return url === target ? whole : `${whole.slice(0, whole.length - target.length)}${url}`;
  });
}

function isFenceEnd(content: string): boolean {
  return /^ {0,3}(`{3,}|~{3,})\s*$/.test(content);
}

function blockOrigin(kind: string): string {
  return kind === 'note' ? 'Qiita' : 'Zenn';
}

/** Inline code spans blanked out, so what is written in them is not taken for math or HTML. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
