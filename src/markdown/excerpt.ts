import type { Token } from 'markdown-it';
import { escapeHtml } from '../util/index.js';

/** Length of an excerpt in characters a reader sees: aim, and the range a cut may fall in. */
const TARGET = 120;
const MINIMUM = 60;
const MAXIMUM = 150;
/** A formula reads as a few characters. */
const FORMULA_WEIGHT = 6;

const SENTENCE_END = /[。！？!?]/;
const CLAUSE_END = /[、，,]/;

type Unit = { kind: 'char'; char: string } | { kind: 'math'; html: string } | { kind: 'break' };

export interface Excerpt {
  html: string;
  text: string;
}

/**
 * The opening of the article's prose, cut after the sentence end nearest 120
 * characters (else a clause end, else at 120). A formula is one unit, so a cut never
 * falls inside it; headings, code, tables and display math are not prose and are skipped.
 */
export function buildExcerpt(tokens: Token[]): Excerpt {
  const units = proseUnits(tokens);
  const end = cutPoint(units);
  const kept = units.slice(0, end);
  let html = '';
  let text = '';
  for (const unit of kept) {
    if (unit.kind === 'char') {
      html += escapeHtml(unit.char);
      text += unit.char;
    } else if (unit.kind === 'math') {
      html += unit.html;
    } else {
      html += ' ';
      text += ' ';
    }
  }
  html = html.trim();
  text = text.replace(/\s+/g, ' ').trim();
  const truncated = units.slice(end).some((unit) => unit.kind !== 'break' && !isBlank(unit));
  if (truncated && !SENTENCE_END.test(text.slice(-1))) {
    html = html.replace(/[、，,]$/, '') + '…';
    text = text.replace(/[、，,]$/, '') + '…';
  }
  return { html, text };
}

function cutPoint(units: Unit[]): number {
  let length = 0;
  let sentence: Candidate | undefined;
  let clause: Candidate | undefined;
  let atTarget = units.length;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (unit.kind === 'break') {
      // A paragraph end is a sentence end too.
      if (length >= MINIMUM) sentence = nearer(sentence, { end: i, length });
      continue;
    }
    length += unit.kind === 'math' ? FORMULA_WEIGHT : 1;
    if (length > MAXIMUM) break;
    if (length >= TARGET && atTarget === units.length) atTarget = i + 1;
    if (unit.kind !== 'char' || length < MINIMUM) continue;
    if (SENTENCE_END.test(unit.char)) sentence = nearer(sentence, { end: i + 1, length });
    else if (CLAUSE_END.test(unit.char)) clause = nearer(clause, { end: i + 1, length });
  }
  if (length <= MAXIMUM) return units.length;
  return sentence?.end ?? clause?.end ?? atTarget;
}

interface Candidate {
  end: number;
  length: number;
}

function nearer(current: Candidate | undefined, next: Candidate): Candidate {
  if (!current) return next;
  return Math.abs(next.length - TARGET) <= Math.abs(current.length - TARGET) ? next : current;
}

function isBlank(unit: Unit): boolean {
  return unit.kind === 'char' && /\s/.test(unit.char);
}

/**
 * Not the opening of the article: the footnotes at its end, and what `:::details` hides.
 * (A footnote's marker is a token of its own in the prose, and is left out with it.)
 */
const SKIPPED = new Map([
  ['footnote_block_open', 'footnote_block_close'],
  ['container_details_open', 'container_details_close'],
]);

function proseUnits(tokens: Token[]): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const skipTo = SKIPPED.get(tokens[i]!.type);
    if (skipTo) i = closingIndex(tokens, i, skipTo);
    if (tokens[i]?.type !== 'paragraph_open') continue;
    const inline = tokens[i + 1];
    if (!inline?.children) continue;
    if (units.length > 0) units.push({ kind: 'break' });
    const children = inline.children;
    for (let j = 0; j < children.length; j++) {
      const child = children[j]!;
      const placeholder = (child.meta as { excerptText?: string } | null)?.excerptText;
      if (child.type === 'thmref_open' && placeholder !== undefined) {
        // A reference to another part is resolved only once the site is built, after the
        // excerpt: `@thm-amgm` reads as 定理 rather than as a label.
        for (const char of placeholder) units.push({ kind: 'char', char });
        while (j < children.length - 1 && children[j]!.type !== 'thmref_close') j++;
        continue;
      }
      if (child.type === 'text' || child.type === 'code_inline') {
        for (const char of child.content) units.push({ kind: 'char', char });
      } else if (child.type === 'softbreak' && !child.hidden) {
        units.push({ kind: 'char', char: ' ' });
      } else if (child.type === 'math_inline') {
        const html = (child.meta as { html?: string } | null)?.html;
        if (html) units.push({ kind: 'math', html: withoutLinks(html) });
      }
    }
  }
  return units;
}

/** The index of the token that closes the one at `open` (same level), or the last index. */
function closingIndex(tokens: Token[], open: number, closeType: string): number {
  const level = tokens[open]!.level;
  for (let i = open + 1; i < tokens.length; i++) {
    if (tokens[i]!.type === closeType && tokens[i]!.level === level) return i;
  }
  return tokens.length - 1;
}

/**
 * An excerpt is shown on other pages (lists, Read more cards, the feed), where a formula's
 * `\eqref` link to `#eq-1` would point into the page that shows it, at nothing. There the
 * number is plain text; the card itself links to the article.
 */
function withoutLinks(html: string): string {
  return html.replace(/<a\b[^>]*>|<\/a>/g, '').replace(/ href="[^"]*"/g, '');
}
