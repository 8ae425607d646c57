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
