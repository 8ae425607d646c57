import type { Diagnostic } from '../diagnostics/index.js';
import {
  createMathEngine,
  positionInFormula,
  readEquationMarks,
  type EquationLink,
  type MathEngine,
} from '../math/index.js';
import { escapeHtml } from '../util/index.js';
import {
  fragmentFor,
  unresolvedLabel,
  unresolvedNumber,
  unresolvedRestatement,
} from './equations.js';
import { equationLinkOpen } from './rules/equation-refs.js';
import { unresolvedTheorem } from './rules/theorem-refs.js';
import type { Equation, EquationRef, RenderedArticle } from '../model/index.js';

/** An article placed in the site, as far as references need it (`SiteArticle` is one). */
export interface LinkablePart {
  rendered: RenderedArticle;
  /** Its page, base path included and percent-encoded. */
  url: string;
}

export interface LinkableArticle extends LinkablePart {
  /** The parts of its series in order, itself included; empty outside a series. */
  seriesParts: readonly LinkablePart[];
}

/**
 * How one marked stretch of an article's HTML ends up: a link around it (showing `text`
 * if given; class `eqref`, or `thmref` for a theorem), or new HTML.
 */
export type ReferenceResolution =
  | { kind: 'link'; href: string; text?: string; theorem?: true; number?: string }
  | { kind: 'html'; html: string };

/** Resolutions of one article by `EquationRef.id`; plain data, so they can be cached with the article. */
export type ReferenceResolutions = Record<number, ReferenceResolution>;

/**
 * Resolve what the articles left unresolved (`RenderedArticle.references`) against the
 * other parts of their series, in series order; the first part with the number or
 * label wins. What no part has stays as written, with a warning at its place.
 * Formulas that point elsewhere are rendered again, with their links, by `math`.
 */
export function resolveEquationReferences(
  articles: readonly LinkableArticle[],
  options: { math?: MathEngine } = {},
): { resolutions: ReferenceResolutions[]; diagnostics: Diagnostic[] } {
  const math = options.math ?? createMathEngine();
  const diagnostics: Diagnostic[] = [];
  const resolutions = articles.map((article) => {
    const resolved: ReferenceResolutions = {};
    const others = article.seriesParts.filter((part) => part.rendered !== article.rendered);
    for (const reference of article.rendered.references ?? []) {
      const resolution = resolve(reference, others, math, diagnostics);
      if (resolution) resolved[reference.id] = resolution;
    }
    return resolved;
  });
  return { resolutions, diagnostics };
}

function resolve(
  reference: EquationRef,
  parts: readonly LinkablePart[],
  math: MathEngine,
  diagnostics: Diagnostic[],
): ReferenceResolution | undefined {
  if (reference.kind === 'number') {
    const link = findNumber(parts, reference.number);
    if (link) return { kind: 'link', href: link.href, number: link.number };
    if (/\d/.test(reference.number))
      diagnostics.push(unresolvedNumber(reference.location, reference.number, true));
    return undefined;
  }
  if (reference.kind === 'theorem') {
    for (const part of parts) {
      const theorem = part.rendered.theorems?.find((entry) => entry.label === reference.label);
      if (theorem)
        return {
          kind: 'link',
          href: `${part.url}${fragmentFor(reference.label)}`,
          text: theorem.name,
          theorem: true,
        };
    }
    diagnostics.push(unresolvedTheorem(reference.location, reference.label, true));
    return undefined;
  }
  if (reference.kind === 'label') {
    const link = findLabel(parts, reference.label);
    if (link)
      return {
        kind: 'link',
        href: link.href,
        text: reference.style === 'eqref' ? `(${link.number})` : link.number,
        number: link.number,
      };
    diagnostics.push(unresolvedLabel(reference.location, reference.label, true));
    return undefined;
  }

  const { request } = reference;
  const references: Record<string, EquationLink> = { ...request.references };
  let found = false;
  for (const label of reference.labels) {
    const link = findLabel(parts, label);
    if (link) {
      references[label] = link;
      found = true;
    } else {
      const at =
        readEquationMarks(request.tex).references.find((mark) => mark.text === label)?.start ?? 0;
      diagnostics.push(unresolvedLabel(positionInFormula(request, at), label, true));
    }
  }
  const numbering = (request.numbering ?? []).map((number) => ({ ...number }));
  for (const { row, number } of reference.restates ?? []) {
    const href = findNumber(parts, number)?.href;
    if (href === undefined) {
      const at = readEquationMarks(request.tex).rows[row]?.tag?.start ?? 0;
      diagnostics.push(unresolvedRestatement(positionInFormula(request, at), number, true));
      continue;
    }
    found = true;
    const existing = numbering.find((entry) => entry.row === row);
    if (existing) existing.tagLink = href;
    else numbering.push({ row, tagLink: href });
  }
  if (!found) return undefined;
  // The formula's own problems were reported when the article was rendered.
  const rendered = math.render({ ...request, references, numbering });
  return { kind: 'html', html: rendered.html };
}

function findNumber(parts: readonly LinkablePart[], number: string): EquationLink | undefined {
  return find(parts, (equation) => equation.number === number);
}

function findLabel(parts: readonly LinkablePart[], label: string): EquationLink | undefined {
  return find(parts, (equation) => equation.labels.includes(label));
}

function find(
  parts: readonly LinkablePart[],
  matches: (equation: Equation) => boolean,
): EquationLink | undefined {
  for (const part of parts) {
    const equation = part.rendered.equations.find(matches);
    if (equation)
      return { number: equation.number, href: `${part.url}${fragmentFor(equation.anchor)}` };
  }
  return undefined;
}

const MARKED = /<!--eqref:(\d+)-->([\s\S]*?)<!--\/eqref:\1-->/g;

/** An article's final HTML: each marked stretch linked, replaced, or (unresolved) left as it was, markers removed. */
export function applyEquationLinks(
  html: string,
  resolutions: Readonly<ReferenceResolutions>,
): string {
  return html.replace(MARKED, (_marked, id: string, inner: string) => {
    const resolution = resolutions[Number(id)];
    if (!resolution) return inner;
    if (resolution.kind === 'html') return resolution.html;
    const shown = resolution.text === undefined ? inner : escapeHtml(resolution.text);
    const open = resolution.theorem
      ? `<a class="thmref" href="${escapeHtml(resolution.href)}">`
      : equationLinkOpen(resolution.href, resolution.number);
    return `${open}${shown}</a>`;
  });
}

/**
 * The site-wide step after the site graph is built: every article's final HTML, with
 * references to equations in other parts of its series linked. Pure; the markdown
 * stage before it sees one article at a time.
 */
export function linkEquationReferences<A extends LinkableArticle>(
  site: { articles: readonly A[] },
  options: { math?: MathEngine } = {},
): { html: Map<A, string>; diagnostics: Diagnostic[] } {
  const { resolutions, diagnostics } = resolveEquationReferences(site.articles, options);
  const html = new Map(
    site.articles.map((article, index) => [
      article,
      applyEquationLinks(article.rendered.html, resolutions[index]!),
    ]),
  );
  return { html, diagnostics };
}
