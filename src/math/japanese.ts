import type { TexEdit } from './edits.js';
import { commentRanges, groupAt, isEscaped, scanCommands } from './tex.js';

/**
 * Kana, kanji, CJK punctuation (、。「」〜), the ideographic space and full-width
 * forms (（）！＝). KaTeX sets such characters in math mode with a "Unicode text in
 * math mode" warning and in no proper font; in text mode they take the page's font.
 */
const JAPANESE =
  '[\\u3000-\\u303F\\u3040-\\u309F\\u30A0-\\u30FF\\u31F0-\\u31FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFF01-\\uFF9F\\u{20000}-\\u{2FA1F}]';

/** A run of Japanese, spaces between Japanese words included (`となるので、 X`: the run ends before `X`). */
const RUN = new RegExp(`${JAPANESE}+(?: +${JAPANESE}+)*`, 'gu');

/** Commands whose (first) argument is already text, or not TeX at all: Japanese there is left alone. */
const TEXT_ARGUMENT = new Set([
  '\\text',
  '\\textrm',
  '\\textit',
  '\\textbf',
  '\\textsf',
  '\\texttt',
  '\\textup',
  '\\textmd',
  '\\textnormal',
  '\\emph',
  '\\mbox',
  '\\hbox',
  '\\tag',
  '\\label',
  '\\eqref',
  '\\ref',
  '\\href',
  '\\url',
  '\\begin',
  '\\end',
]);

const ANY_JAPANESE = new RegExp(JAPANESE, 'u');

/** True when `tex` contains a Japanese character at all (cheap test before the real work). */
export function hasJapanese(tex: string): boolean {
  return ANY_JAPANESE.test(tex);
}

/**
 * Edits that set each run of Japanese in math mode as text: `X となるので、 Y` becomes
 * `X\text{ となるので、 }Y`. Spaces around a run go inside `\text{…}`, where TeX keeps
 * them (in math mode it would drop them), except a space that ends a control word,
 * which TeX has already eaten. After `^`, `_` or a command that may take the run as
 * its argument, the run is braced: `x^{\text{右}}`.
 */
export function japaneseTextEdits(tex: string): TexEdit[] {
  if (!hasJapanese(tex)) return [];
  const skipped = commentRanges(tex);
  for (const command of scanCommands(tex)) {
    if (!TEXT_ARGUMENT.has(command.name)) continue;
    const from = tex[command.end] === '*' ? command.end + 1 : command.end;
    const group = groupAt(tex, from);
    if (group) skipped.push([group.open, group.close + 1]);
  }

  const edits: TexEdit[] = [];
  for (const match of tex.matchAll(RUN)) {
    let start = match.index;
    const end = start + match[0].length;
    if (skipped.some(([from, to]) => start >= from && start < to)) continue;
    // `\あ` would be a control symbol; leave that character to KaTeX's error.
    if (isEscaped(tex, start)) start += 1;
    if (start >= end) continue;

    let lead = start;
    while (lead > 0 && tex[lead - 1] === ' ') lead--;
    if (lead < start && /\\[a-zA-Z]+$/.test(tex.slice(0, lead))) lead = start;
    else if (lead < start && isEscaped(tex, lead)) lead++; // `\ ` is a control space: keep it as it is
    let trail = end;
    while (trail < tex.length && tex[trail] === ' ') trail++;

    const text = `\\text{${tex.slice(lead, trail)}}`;
    const argument = /(?:[\^_]|\\[a-zA-Z]+)\s*$/.test(tex.slice(0, lead));
    edits.push({ start: lead, end: trail, text: argument ? `{${text}}` : text });
  }
  return edits;
}
