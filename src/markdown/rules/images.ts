import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { RenderEnv } from '../env.js';
import { locateInInline } from '../locate.js';
import type { ImageFacts } from '../../model/index.js';

/** The text column (`--measure: 40rem`) and the page's gutters, in CSS pixels. */
const COLUMN = 640;
const GUTTERS = 32;

/**
 * Where the WebP variant of an image at `width` pixels is served, beside the image:
 * `/images/graph.png` → `/images/graph.png.640w.webp` (the extension stays, so `graph.jpg`
 * beside it has variants of its own). The build writes it there, the page names it: one
 * function so the two agree.
 */
export function variantPath(path: string, width: number): string {
  return `${path}.${width}w.webp`;
}

/**
 * Images as a page should carry them: `width` and `height` from the file (the page keeps
 * its place while images load; a size the author wrote, `=300x`, wins and the other side
 * keeps the file's ratio), `loading="lazy"` and `decoding="async"`, and for PNG and JPEG
 * WebP variants in a `<picture>`, at the widths the column and 2× screens need. An image
 * alone in its paragraph with a title, `![alt](graph.png "キャプション")`, is a `<figure>`
 * with the title, parsed as Markdown (math included), as its `<figcaption>`. An empty
 * `alt` is a warning: a screen reader then says nothing of the image.
 *
 * What the build knows of the files comes in `env.images`, by site path; the markdown stage
 * reads no file.
 */
export function imagesPlugin(md: MarkdownIt, basePath: string): void {
  md.core.ruler.after('inline', 'figures', (state: StateCore) => {
    addFigures(state);
    warnEmptyAlts(state);
  });
  const image = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const facts = factsOf(attribute(token, 'src'), env as RenderEnv, basePath);
    setSize(token, facts);
    token.attrSet('loading', 'lazy');
    token.attrSet('decoding', 'async');
    const img = image(tokens, index, options, env, self);
    if (!facts?.variants?.length) return img;
    return picture(img, token, facts, md);
  };
  md.renderer.rules.figure_open = () => '<figure class="figure">\n';
  md.renderer.rules.figure_close = () => '</figure>\n';
  md.renderer.rules.figcaption_open = () => '\n<figcaption>';
  md.renderer.rules.figcaption_close = () => '</figcaption>\n';
}

function attribute(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

/** An image with a title, alone in its paragraph (whitespace aside). */
function captionedImage(inline: Token | undefined): Token | undefined {
  const children = (inline?.children ?? []).filter(
    (child) =>
      !(child.type === 'softbreak' || (child.type === 'text' && child.content.trim() === '')),
  );
  const [only] = children;
  return children.length === 1 && only!.type === 'image' && only!.attrGet('title')
    ? only
    : undefined;
}

function addFigures(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== 'paragraph_open' || open.hidden || close.type !== 'paragraph_close') continue;
    const image = captionedImage(inline);
    if (!image) continue;
    const title = attribute(image, 'title')!;
    // The caption says it; a tooltip repeating it would be read twice.
    image.attrs = image.attrs!.filter(([name]) => name !== 'title');
    open.type = 'figure_open';
    open.tag = 'figure';
    close.type = 'figure_close';
    close.tag = 'figure';
    const captionOpen = new state.Token('figcaption_open', 'figcaption', 1);
    const caption = new state.Token('inline', '', 0);
    // On the image's line, where its formulas are located: the title is written there.
    caption.content = title;
    caption.map = inline.map;
    caption.children = [];
    state.md.inline.parse(title, state.md, state.env, caption.children);
    const captionClose = new state.Token('figcaption_close', 'figcaption', -1);
    for (const token of [captionOpen, caption, captionClose]) token.level = open.level + 1;
    tokens.splice(i + 2, 0, captionOpen, caption, captionClose);
    i += 5;
  }
}

function warnEmptyAlts(state: StateCore): void {
  const env = state.env as RenderEnv;
  for (const block of state.tokens) {
    if (block.type !== 'inline') continue;
    for (const child of block.children ?? []) {
      if (child.type !== 'image' || child.content.trim() !== '') continue;
      const offset = (child.meta as { linkOffset?: number } | null)?.linkOffset ?? 0;
      env.diagnostics.push({
        ...locateInInline(env, block, offset),
        severity: 'warning',
        code: 'markdown/image-without-alt',
        message: `The image ${attribute(child, 'src') ?? ''} has no alternative text.`,
        hint: 'Say in the brackets what the image shows, for readers who cannot see it: ![y = x² のグラフ](graph.png).',
      });
    }
  }
}

/** What the build knows of the file an image's `src` names, if it is one of the site's. */
function factsOf(src: string | null, env: RenderEnv, basePath: string): ImageFacts | undefined {
  const images = env.images;
  if (!images || src === null || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) return undefined;
  let path: string;
  try {
    const fromRoot = src.startsWith(basePath) ? `/${src.slice(basePath.length)}` : src;
    const url = new URL(fromRoot, `http://site${encodeURI(images.folder)}`);
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  return Object.hasOwn(images.files, path) ? images.files[path] : undefined;
}

/** The file's size, unless the author wrote one; one side written keeps the file's ratio. */
function setSize(token: Token, facts: ImageFacts | undefined): void {
  const width = Number(token.attrGet('width') ?? NaN);
  const height = Number(token.attrGet('height') ?? NaN);
  if (!facts || (width > 0 && height > 0)) return;
  if (width > 0) {
    token.attrSet('height', String(Math.round((width * facts.height) / facts.width)));
  } else if (height > 0) {
    token.attrSet('width', String(Math.round((height * facts.width) / facts.height)));
  } else {
    token.attrSet('width', String(facts.width));
    token.attrSet('height', String(facts.height));
  }
}

/**
 * The image as the fallback of a `<picture>` whose WebP source lists the variants. `sizes`
 * tells the browser how wide the image is shown (the column at most, less the gutters on a
 * phone), so a 2× phone takes the variant twice that.
 */
function picture(img: string, token: Token, facts: ImageFacts, md: MarkdownIt): string {
  const src = attribute(token, 'src')!;
  const srcset = facts
    .variants!.map((width) => `${md.utils.escapeHtml(variantPath(src, width))} ${width}w`)
    .join(', ');
  const shown = Math.min(Number(token.attrGet('width')) || facts.width, COLUMN);
  const sizes = `(min-width: ${shown + GUTTERS}px) ${shown}px, calc(100vw - ${GUTTERS}px)`;
  return `<picture><source type="image/webp" srcset="${srcset}" sizes="${sizes}">${img}</picture>`;
}
