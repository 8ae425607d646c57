import type { MarkdownIt, StateCore, StateInline, Token } from 'markdown-it';
import type { RenderEnv } from '../env.js';
import { locateInInline } from '../locate.js';
import type { InternalLink } from '../../model/index.js';

/** `https:`, `mailto:`, `data:`, …: a scheme, so not a link into the site. */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Every link and image an author writes into the site (`/posts/x/`, `../y/`, `#eq-1`,
 * `graph.png`), with where it is written, for the build to check against the pages and
 * files it makes. markdown-it's link and image tokens carry no position, so the rules are
 * wrapped to note where each began in its paragraph. Runs after the base path is applied,
 * so links compare with the site's own URLs.
 */
export function linkLocationsPlugin(md: MarkdownIt): void {
  for (const name of ['link', 'image'] as const) {
    const rule = inlineRule(md, name);
    md.inline.ruler.at(name, (state: StateInline, silent: boolean) => {
      const start = state.pos;
      const before = state.tokens.length;
      if (!rule(state, silent)) return false;
      // Text pending before the link is pushed first, so the link is not always at `before`.
      const token = silent
        ? undefined
        : state.tokens.slice(before).find((t) => t.type === 'link_open' || t.type === 'image');
      if (token) (token.meta ??= {}).linkOffset = start;
      return true;
    });
  }
  md.core.ruler.push('link_locations', (state: StateCore) => {
    const env = state.env as RenderEnv;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      for (const child of block.children) {
        const link = internalLink(child, block, env);
        if (link) env.links.push(link);
      }
    }
  });
}

function internalLink(token: Token, block: Token, env: RenderEnv): InternalLink | undefined {
  const attribute = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : '';
  const href = attribute === '' ? null : token.attrGet(attribute);
  const offset = (token.meta as { linkOffset?: number } | null)?.linkOffset;
  if (typeof href !== 'string' || offset === undefined) return undefined;
  if (href === '' || HAS_SCHEME.test(href) || href.startsWith('//')) return undefined;
  return {
    kind: token.type === 'image' ? 'image' : 'link',
    href,
    location: locateInInline(env, block, offset),
  };
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;

/** markdown-it's own rule of that name; its ruler offers no getter by name. */
function inlineRule(md: MarkdownIt, name: string): InlineRule {
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] })
    .__rules__;
  const rule = rules.find((entry) => entry.name === name)?.fn;
  if (!rule) throw new Error(`markdown-it has no inline rule "${name}"`);
  return rule;
}
