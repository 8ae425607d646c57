// markdown-it-texmath ships no types; we use only its delimiter rules, not its renderer.
declare module 'markdown-it-texmath' {
  import type { StateBlock, StateInline } from 'markdown-it';

  interface DelimiterRule {
    name: string;
    rex: RegExp;
    tag: string;
    displayMode?: boolean;
  }
  interface Texmath {
    mergeDelimiters(delimiters: string[]): { inline: DelimiterRule[]; block: DelimiterRule[] };
    inline(rule: DelimiterRule): (state: StateInline, silent: boolean) => boolean;
    block(
      rule: DelimiterRule,
    ): (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
  }
  const texmath: Texmath;
  export default texmath;
}
