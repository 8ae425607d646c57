import type { TexEdit } from './edits.js';
import { commentRanges, groupAt, isEscaped, scanCommands, verbatimRanges } from './tex.js';

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
  '\\operatorname',
  '\\begin',
  '\\end',
]);

/** `\def\name#1対#2{…}`: the parameter text up to `{` is a pattern to match, not TeX to set. */
const DEFINITIONS = new Set(['\\def', '\\gdef', '\\edef', '\\xdef']);

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
  const skipped = untouchedRanges(tex);

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

/**
 * Where Japanese is not math and must stay as written: comments, `\verb|…|`, the
 * arguments of text commands, `\url`, `\href`'s URL, operator names (`\operatorname{最大}`
 * is already set upright as a word) and the parameter text of `\def`.
 */
export function untouchedRanges(tex: string): [number, number][] {
  const ranges = [...commentRanges(tex), ...verbatimRanges(tex)];
  const inside = (offset: number) => ranges.some(([from, to]) => offset >= from && offset < to);
  const commands = scanCommands(tex);
  commands.forEach((command, index) => {
    if (inside(command.start)) return;
    const star = tex[command.end] === '*' ? 1 : 0;
    if (DEFINITIONS.has(command.name)) {
      const name = commands[index + 1];
      if (!name || tex.slice(command.end, name.start).trim() !== '') return;
      const body = tex.indexOf('{', name.end);
      ranges.push([name.end, body === -1 ? tex.length : body]);
    } else if (TEXT_ARGUMENT.has(command.name)) {
      const group = groupAt(tex, command.end + star);
      if (group) ranges.push([group.open, group.close + 1]);
    }
  });
  return ranges;
}

/**
 * True when KaTeX's "Unicode text in math mode" warning about `character` is only about
 * Japanese we left as written on purpose (an operator name): no warning for that.
 */
export function isJapaneseLeftAsWritten(tex: string, character: string): boolean {
  if (!ANY_JAPANESE.test(character)) return false;
  const ranges = untouchedRanges(tex);
  for (let at = tex.indexOf(character); at !== -1; at = tex.indexOf(character, at + 1)) {
    if (!ranges.some(([from, to]) => at >= from && at < to)) return false;
  }
  return true;
}
