/**
 * Just enough of TeX's lexical rules to find commands, their brace arguments and
 * comments in an author's formula, by offset, without expanding anything.
 */

/** A control word or symbol: `\label`, `\\`, `\&`. `end` is the offset just after its name. */
export interface TexCommand {
  name: string;
  start: number;
  end: number;
}

/** A `{…}` group: `open` is the offset of `{`, `close` that of its `}`. */
export interface TexGroup {
  open: number;
  close: number;
}

/** True when the character at `index` is escaped by an odd run of backslashes before it. */
export function isEscaped(tex: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && tex[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/** The brace group starting at `from` after optional spaces, or undefined; an unclosed group ends at the end of the TeX. */
export function groupAt(tex: string, from: number): TexGroup | undefined {
  let open = from;
  while (open < tex.length && /\s/.test(tex[open]!)) open++;
  if (tex[open] !== '{') return undefined;
  let depth = 0;
  for (let i = open; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\') {
      i++;
    } else if (char === '%') {
      i = lineEnd(tex, i) - 1;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) return { open, close: i };
    }
  }
  return { open, close: tex.length };
}

/** Every command outside comments, in order. */
export function scanCommands(tex: string): TexCommand[] {
  const commands: TexCommand[] = [];
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === '%') {
      i = lineEnd(tex, i) - 1;
    } else if (char === '\\' && i + 1 < tex.length) {
      const word = /^[a-zA-Z]+/.exec(tex.slice(i + 1, i + 41));
      const end = word ? i + 1 + word[0].length : i + 2;
      commands.push({ name: tex.slice(i, end), start: i, end });
      i = end - 1;
    }
  }
  return commands;
}

/** Offsets `[start, end)` of every `%` comment (to the end of its line). */
export function commentRanges(tex: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] === '\\') i++;
    else if (tex[i] === '%') {
      const end = lineEnd(tex, i);
      ranges.push([i, end]);
      i = end;
    }
  }
  return ranges;
}

function lineEnd(tex: string, from: number): number {
  const end = tex.indexOf('\n', from);
  return end === -1 ? tex.length : end;
}

/** The content of a group, trimmed. */
export function groupText(tex: string, group: TexGroup): string {
  return tex.slice(group.open + 1, group.close).trim();
}

/** Offsets `[start, end)` of each `\verb|…|` / `\verb*|…|`: its content is characters, not TeX. */
export function verbatimRanges(tex: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const command of scanCommands(tex)) {
    if (command.name !== '\\verb' || ranges.some(([, end]) => command.start < end)) continue;
    // `\verb` takes any character as its delimiter: `\verb|日本|`, `\verb+a|b+`.
    const open = command.end + (tex[command.end] === '*' ? 1 : 0);
    const close = open < tex.length ? tex.indexOf(tex[open]!, open + 1) : -1;
    ranges.push([command.start, close === -1 ? tex.length : close + 1]);
  }
  return ranges;
}

/** Macro definitions written in the formula: `\def\lp{\left(}`, `\newcommand{\lp}[1]{…}`. */
export function definedMacros(tex: string): { name: string; body: string }[] {
  const found: { name: string; body: string }[] = [];
  const commands = scanCommands(tex);
  commands.forEach((command, index) => {
    const next = commands[index + 1];
    if (!next) return;
    if (/^\\[gex]?def$/.test(command.name)) {
      if (tex.slice(command.end, next.start).trim() !== '') return;
      const body = groupAt(tex, tex.indexOf('{', next.end));
      if (body) found.push({ name: next.name, body: tex.slice(body.open + 1, body.close) });
    } else if (/^\\(?:re|provide)?newcommand$/.test(command.name)) {
      const name = groupAt(tex, command.end);
      const nameText = name ? groupText(tex, name) : next.name;
      let from = name ? name.close + 1 : next.end;
      // Skip `[1]` and `[default]`.
      while (/^\s*\[/.test(tex.slice(from))) from = tex.indexOf(']', from) + 1 || tex.length;
      const body = groupAt(tex, from);
      if (body) found.push({ name: nameText, body: tex.slice(body.open + 1, body.close) });
    }
  });
  return found;
}
