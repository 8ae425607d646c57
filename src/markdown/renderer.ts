import MarkdownIt from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import type { Article } from '../model/index.js';
import { sortDiagnostics } from '../diagnostics/index.js';
import type { MathEngine } from '../math/index.js';
import type { RenderEnv } from './env.js';
import { buildExcerpt } from './excerpt.js';
import { readingLength } from './reading-length.js';
import { basePathPlugin } from './rules/base-path.js';
import { cjkBreaksPlugin } from './rules/cjk-breaks.js';
import { codePlugin } from './rules/code.js';
import { loadHighlighter, mayHaveFencedCode } from './rules/highlighter.js';
import { containersPlugin } from './rules/containers.js';
import { footnotesPlugin } from './rules/footnotes.js';
import { githubAlertsPlugin } from './rules/github-alerts.js';
import { linkLocationsPlugin } from './rules/link-locations.js';
import { headingAnchorsPlugin } from './rules/heading-anchors.js';
import { collectHeadings, headingIdsPlugin } from './rules/headings.js';
import { numberEquations } from './equations.js';
import { theoremRefsPlugin } from './rules/theorem-refs.js';
import { theoremsPlugin } from './rules/theorems.js';
import { equationRefsPlugin } from './rules/equation-refs.js';
import { imageSizePlugin } from './rules/image-size.js';
import { imagesPlugin } from './rules/images.js';
import { linkifyPlugin } from './rules/linkify.js';
import { mathFencePlugin } from './rules/math-fence.js';
import { locateFormulas, mathPlugin } from './rules/math.js';
import { unclosedMathPlugin } from './rules/unclosed-math.js';
import type { ArticleImages, RenderedArticle } from '../model/index.js';
import { classNamesIn } from '../util/index.js';

/** The values of the `id` attributes our renderers write (always double-quoted, escaped). */
function idsIn(html: string): string[] {
  return [...html.matchAll(/ id="([^"]*)"/g)].map((match) => unescapeHtml(match[1]!));
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_entity, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

export interface MarkdownRenderer {
  /** Load what `render` needs for this article and does not load up front (Shiki, for code). */
  prepare(article: Article): Promise<void>;
  /** `images`: what the build knows of the image files the article may show. */
  render(article: Article, images?: ArticleImages): RenderedArticle;
}

export interface MarkdownOptions {
  /** Site-wide KaTeX macros; an article's own `macros` are laid over them. */
  macros: Readonly<Record<string, string>>;
  /** The site's base path (`/blog/`): put before every root-relative URL an author writes. Default `/`. */
  basePath?: string;
  /** The site's `math.markdownEscapes`: undo Markdown escapes in inline math. */
  markdownEscapes?: boolean;
  /** The site's `markdown.breaks`: a line break in a paragraph is a `<br>`, as on Zenn and Qiita. */
  breaks?: boolean;
  /** The site's `theorems.numberWithin`: number 定理 and the like per article (default) or per section. */
  theoremNumbering?: 'article' | 'section';
}

/**
 * The one markdown-it instance of a build. Raw HTML is off: an article is prose and
 * math, and with `html: false` nothing in a source file can put a script into a page.
 * What Zenn, Qiita and GitHub add to Markdown is on, so that an article moved from
 * there reads the same: ```` ```math ````, `:::message`, `:::details`, `:::note`,
 * `> [!NOTE]`, footnotes, ```` ```lang:file ````, `=300x` image sizes, bare URLs.
 */
export function createMarkdownRenderer(
  math: MathEngine,
  options: MarkdownOptions,
): MarkdownRenderer {
  const breaks = options.breaks ?? false;
  const md = new MarkdownIt({ html: false, typographer: false, breaks });
  md.use(mathPlugin);
  md.use(mathFencePlugin);
  md.use(cjkFriendly);
  // With `breaks`, every line break is shown, so none is joined.
  if (!breaks) md.use(cjkBreaksPlugin);
  md.use(headingIdsPlugin);
  md.use(headingAnchorsPlugin);
  md.use(codePlugin);
  md.use(containersPlugin);
  md.use(theoremsPlugin, { numberWithin: options.theoremNumbering ?? 'article' });
  md.use(githubAlertsPlugin);
  md.use(footnotesPlugin);
  md.use(imageSizePlugin);
  md.use(imagesPlugin, options.basePath ?? '/');
  md.use(linkifyPlugin);
  md.use(unclosedMathPlugin);
  md.use(equationRefsPlugin);
  md.use(theoremRefsPlugin);
  md.use(basePathPlugin, options.basePath ?? '/');
  md.use(linkLocationsPlugin);

  return {
    async prepare(article) {
      if (mayHaveFencedCode(article.body)) await loadHighlighter();
    },
    render(article, images) {
      const env: RenderEnv = {
        article,
        macros: { ...options.macros, ...article.macros },
        markdownEscapes: options.markdownEscapes ?? false,
        math,
        sourceLines: article.sourceText.split('\n'),
        diagnostics: [],
        equations: [],
        pendingReferences: [],
        formulaCount: 0,
        links: [],
        ...(images ? { images } : {}),
      };
      const tokens = md.parse(article.body, env);
      locateFormulas(tokens, env);
      numberEquations(tokens, env);
      const html = md.renderer.render(tokens, md.options, env);
      const excerpt = buildExcerpt(tokens);
      return {
        article,
        html,
        excerptHtml: excerpt.html,
        excerptText: excerpt.text,
        headings: collectHeadings(tokens, (children) =>
          md.renderer.renderInline(children, md.options, { ...env, plainReferences: true }),
        ),
        equations: env.equations,
        ...(env.theorems?.length ? { theorems: env.theorems } : {}),
        ...(env.pendingReferences.length > 0 ? { references: env.pendingReferences } : {}),
        formulaCount: env.formulaCount,
        ...(env.codeBlocks ? { codeBlocks: env.codeBlocks } : {}),
        ...(env.links.length > 0 ? { links: env.links } : {}),
        anchors: idsIn(html),
        classNames: classNamesIn(html),
        readingLength: readingLength(tokens),
        diagnostics: sortDiagnostics(env.diagnostics),
      };
    },
  };
}
