import { Liquid, LookupType, type Template } from 'liquidjs';
import type { SiteConfig } from '../config/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { PageSpec, Site } from '../model/index.js';
import type { TemplateData } from './model.js';
import { buildTemplateData } from './template-data.js';
import { templateDiagnostic } from './template-errors.js';
import type { TemplateSources } from './templates.js';

export interface RenderedPage {
  /** Absent when the page could not be rendered; `diagnostics` then say why. */
  html?: string;
  diagnostics: Diagnostic[];
}

export interface Renderer {
  renderPage(spec: PageSpec, site: Site): RenderedPage;
  /** Render prepared template data; lets worker threads render pages without the whole `Site`. */
  renderData(kind: PageSpec['kind'], data: TemplateData): RenderedPage;
}

export interface RendererOptions {
  /** Folder of the templates as shown in diagnostics. Default `templates`. */
  sourceDir?: string;
}

export const TEMPLATE_FOR_KIND: Readonly<Record<PageSpec['kind'], string>> = {
  index: 'index.liquid',
  article: 'article.liquid',
  tag: 'tag.liquid',
  author: 'author.liquid',
  series: 'series.liquid',
  'not-found': '404.liquid',
  search: 'search.liquid',
};

/**
 * Parses every template once; pages are then rendered synchronously from memory.
 * A page reports the syntax and render errors of the templates it uses, so a
 * broken shared layout shows up once per page: callers may deduplicate.
 */
export function createRenderer(
  templates: TemplateSources,
  config: SiteConfig,
  options: RendererOptions = {},
): Renderer {
  const sources = { ...templates };
  const sourceDir = options.sourceDir ?? 'templates';
  const liquid = new Liquid({
    templates: sources,
    cache: true,
    outputEscape: 'escape',
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    jsTruthy: false,
    ownPropertyOnly: true,
  });
  const parsed = new Map<string, Template[]>();
  const syntaxErrors = new Map<string, Diagnostic>();
  for (const name of Object.keys(sources).sort()) {
    try {
      parsed.set(name, liquid.parseFileSync(name));
      // Layouts and partials are cached per lookup kind; warming both keeps pages from parsing them again.
      liquid.parseFileSync(name, LookupType.Layouts);
      liquid.parseFileSync(name, LookupType.Partials);
    } catch (error) {
      syntaxErrors.set(name, templateDiagnostic(error, { sources, sourceDir, fallbackName: name }));
    }
  }

  const renderData = (kind: PageSpec['kind'], data: TemplateData): RenderedPage => {
    const name = TEMPLATE_FOR_KIND[kind];
    const syntaxError = syntaxErrors.get(name);
    if (syntaxError) return { diagnostics: [syntaxError] };
    const template = parsed.get(name);
    if (!template) return { diagnostics: [missingTemplate(name, sourceDir, kind, data.page.url)] };
    try {
      const html: unknown = liquid.renderSync(template, data);
      return { html: String(html), diagnostics: [] };
    } catch (error) {
      return {
        diagnostics: [templateDiagnostic(error, { sources, sourceDir, fallbackName: name })],
      };
    }
  };

  return {
    renderData,
    renderPage(spec, site) {
      return renderData(spec.kind, buildTemplateData(spec, site, config));
    },
  };
}

function missingTemplate(
  name: string,
  sourceDir: string,
  kind: PageSpec['kind'],
  url: string,
): Diagnostic {
  return {
    file: `${sourceDir}/${name}`,
    line: 1,
    column: 1,
    severity: 'error',
    code: 'template/missing',
    message: `No template for the ${kind} page ${url}.`,
    hint: `Create ${sourceDir}/${name}; it may extend layouts/base.liquid like the other page templates.`,
  };
}
