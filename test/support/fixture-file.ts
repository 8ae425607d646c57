import { readFileSync } from 'node:fs';

/** One case of a fixture file: its title, what goes in, what must come out. */
export interface FixtureCase {
  title: string;
  /** 1-based line of the title, for the failure message. */
  line: number;
  input: string;
  output: string;
}

/**
 * The cases of a fixture file in markdown-it's format (its test/fixtures/*.txt): a title
 * line, then `.`, the input, `.`, the expected output, `.`, each on lines of their own.
 * Other lines between cases are comments. The input keeps its final newline, as a file's
 * text would; the output is compared without one.
 */
export function readFixtureFile(file: string): FixtureCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases: FixtureCase[] = [];
  let index = 0;
  while (index < lines.length) {
    if (lines[index] !== '.') {
      index++;
      continue;
    }
    let titleLine = index - 1;
    while (titleLine >= 0 && lines[titleLine]!.trim() === '') titleLine--;
    const title = titleLine >= 0 ? lines[titleLine]!.trim() : '';
    const inputEnd = lines.indexOf('.', index + 1);
    const outputEnd = inputEnd < 0 ? -1 : lines.indexOf('.', inputEnd + 1);
    if (!title || outputEnd < 0) {
      throw new Error(
        `${file}:${index + 1}: a case is a title, then input and output between lines of "."`,
      );
    }
    cases.push({
      title,
      line: titleLine + 1,
      input: `${lines.slice(index + 1, inputEnd).join('\n')}\n`,
      output: lines.slice(inputEnd + 1, outputEnd).join('\n'),
    });
    index = outputEnd + 1;
  }
  return cases;
}
