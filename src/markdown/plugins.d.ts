// markdown-it-container and markdown-it-footnote ship no types; what we use of them.
declare module 'markdown-it-container' {
  import type { MarkdownIt, RendererRule } from 'markdown-it';

  interface ContainerOptions {
    marker?: string;
    validate?(params: string, markup: string): boolean;
    render?: RendererRule;
  }
  export default function container(md: MarkdownIt, name: string, options?: ContainerOptions): void;
}

declare module 'markdown-it-footnote' {
  import type { MarkdownIt } from 'markdown-it';
  export default function footnote(md: MarkdownIt): void;
}

// markdown-it-texmath ships no types; we use its inline rule machinery, not its renderer.
declare module 'markdown-it-texmath' {
  import type { StateInline } from 'markdown-it';

  /** What texmath's rule reads of a rule's `rex`: a regular expression, or a matcher like one. */
  interface Matcher {
    lastIndex: number;
    exec(text: string): [string, string] | null;
  }
  interface InlineRule {
    name: string;
    tag: string;
    rex: Matcher;
    outerSpace?: boolean;
    pre?(text: string, outerSpace: boolean, at: number): boolean;
    post?(text: string, outerSpace: boolean, at: number): boolean;
  }
  interface Texmath {
    inline(rule: InlineRule): (state: StateInline, silent: boolean) => boolean;
    /** Its guard before an opening `$`: not after a backslash or a digit (`100$`). */
    $_pre(text: string, outerSpace: boolean, at: number): boolean;
  }
  const texmath: Texmath;
  export default texmath;
}
