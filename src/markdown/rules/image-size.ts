import type { MarkdownIt, StateInline } from 'markdown-it';

/** Zenn's size after the image's address: `=300x`, `=300x200`, `=x200` (pixels). */
const SIZE = /^=(\d{1,5})?x(\d{1,5})?(?=[\s)])/;

/**
 * `![図](/images/a.png =300x)` and `=300x200` (Zenn, and markdown-it-imsize before it):
 * `width` and `height` attributes, where markdown-it alone printed the whole line as text.
 * It takes only images that have a size, and leaves every other one to markdown-it's
 * own rule. (@mdit/plugin-img-size does this too, but asks for markdown-it 14.)
 */
export function imageSizePlugin(md: MarkdownIt): void {
  md.inline.ruler.before('image', 'image_size', sizedImage);
}

function sizedImage(state: StateInline, silent: boolean): boolean {
  const { src, md } = state;
  const start = state.pos;
  const max = state.posMax;
  if (!src.startsWith('![', state.pos)) return false;
  const labelStart = state.pos + 2;
  const labelEnd = md.helpers.parseLinkLabel(state, state.pos + 1, false);
  if (labelEnd < 0 || src.charCodeAt(labelEnd + 1) !== 0x28 /* ( */) return false;

  let pos = skipSpaces(src, labelEnd + 2, max);
  const destination = md.helpers.parseLinkDestination(src, pos, max);
  if (!destination.ok) return false;
  const href = md.normalizeLink(destination.str);
  if (!md.validateLink(href)) return false;
  pos = destination.pos;

  let size: RegExpExecArray | null = null;
  let title = '';
  for (let part = 0; part < 2; part++) {
    const before = pos;
    pos = skipSpaces(src, pos, max);
    if (pos === before) break;
    const sized: RegExpExecArray | null = size ? null : SIZE.exec(src.slice(pos, max));
    if (sized && (sized[1] || sized[2])) {
      size = sized;
      pos += sized[0].length;
      continue;
    }
    const parsedTitle = md.helpers.parseLinkTitle(src, pos, max);
    if (title || !parsedTitle.ok) break;
    title = parsedTitle.str;
    pos = parsedTitle.pos;
  }
  pos = skipSpaces(src, pos, max);
  if (!size || src.charCodeAt(pos) !== 0x29 /* ) */) return false;

  if (!silent) {
    const content = src.slice(labelStart, labelEnd);
    const children: ReturnType<StateInline['push']>[] = [];
    md.inline.parse(content, md, state.env, children);
    const token = state.push('image', 'img', 0);
    token.attrs = [
      ['src', href],
      ['alt', ''],
    ];
    if (title) token.attrs.push(['title', title]);
    if (size[1]) token.attrs.push(['width', size[1]]);
    if (size[2]) token.attrs.push(['height', size[2]]);
    token.children = children;
    token.content = content;
    // Where it starts, as for markdown-it's images (`link-locations.ts`), so the build checks it too.
    token.meta = { linkOffset: start };
  }
  state.pos = pos + 1;
  return true;
}

function skipSpaces(src: string, pos: number, max: number): number {
  while (pos < max && /[ \t\n]/.test(src[pos]!)) pos++;
  return pos;
}
