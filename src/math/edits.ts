/** Replace `source[start, end)` by `text`; an insertion has `start === end`. */
export interface TexEdit {
  start: number;
  end: number;
  text: string;
}

export interface EditedTex {
  text: string;
  /** The offset in the author's TeX an offset in the edited TeX comes from (KaTeX error positions). */
  toSource(offset: number): number;
}

/**
 * Apply non-overlapping edits to the author's TeX and keep a map back to it, so an
 * error KaTeX finds in the edited TeX is still reported where the author wrote it.
 */
export function applyEdits(source: string, edits: readonly TexEdit[]): EditedTex {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  /** Copied stretches: [edited start, source start, length]. */
  const copied: [number, number, number][] = [];
  /** Inserted stretches: [edited start, edited end, source offset they stand for]. */
  const inserted: [number, number, number][] = [];
  let text = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping TeX edits at ${edit.start}`);
    copied.push([text.length, at, edit.start - at]);
    text += source.slice(at, edit.start);
    inserted.push([text.length, text.length + edit.text.length, edit.start]);
    text += edit.text;
    at = edit.end;
  }
  copied.push([text.length, at, source.length - at]);
  text += source.slice(at);

  return {
    text,
    toSource(offset) {
      for (const [start, end, origin] of inserted) {
        if (offset >= start && offset < end) return origin;
      }
      for (const [start, origin, length] of copied) {
        if (offset >= start && offset <= start + length) return origin + offset - start;
      }
      return source.length;
    },
  };
}

/** The edits of `candidates` that touch none of `kept` (`\label{a\_b}` is already replaced whole). */
export function withoutOverlaps(
  candidates: readonly TexEdit[],
  kept: readonly TexEdit[],
): TexEdit[] {
  return candidates.filter(
    (edit) =>
      !kept.some(
        (other) => edit.start < Math.max(other.end, other.start + 1) && other.start < edit.end,
      ),
  );
}
