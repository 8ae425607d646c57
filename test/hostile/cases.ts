import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { repo } from '../support/cli.js';

/**
 * The hostile set: broken and malicious articles. Small ones are files under
 * test/fixtures/hostile/<case>/; big or binary ones are made here.
 *
 * A case either fails the build with the diagnostics listed in `errors` (file, line and
 * column, no stack trace, nothing written), or builds safely (`builds`): no script or
 * event handler from the input in any output file.
 */
export interface HostileCase {
  name: string;
  /** File name under `content/posts/` → bytes. */
  files: () => Promise<Record<string, string | Uint8Array>>;
  outcome:
    | { builds: true }
    | {
        /** `file:line:column error[code]`, file relative to `content/posts/`. */
        errors: string[];
        /** Also in the CLI output. */
        says?: RegExp[];
      };
}

const FIXTURES = path.join(repo, 'test/fixtures/hostile');

async function fixture(name: string): Promise<Record<string, string>> {
  const folder = path.join(FIXTURES, name);
  const files: Record<string, string> = {};
  for (const file of (await readdir(folder)).sort()) {
    files[file] = await readFile(path.join(folder, file), 'utf8');
  }
  return files;
}

const frontMatter = (title: string) => `---\ntitle: ${title}\ndate: 2025-05-20\n---\n\n`;

/** A 1×1 PNG saved as `.md`: not UTF-8 from its second byte on. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e20000000049454e44ae426082',
  'hex',
);

/** About 1 MB of prose on one line, with emphasis, links, code and a formula every 2 kB. */
function oneMegabyteLine(): string {
  const sentence =
    '長い一行の本文に **強調** と [リンク](https://example.com/) と `コード` が続き、';
  let line = '';
  for (let n = 0; Buffer.byteLength(line) < 1_000_000; n++) {
    line += n % 20 === 0 ? `式 $x_{${n}}^2 + y_{${n}}$ を挟み、` : sentence;
  }
  return `${line}おわり。`;
}

/**
 * 10,000 headings: most distinct, a thousand with the same text (their ids must stay
 * unique), every hundredth with a formula (rendered again in the table of contents).
 */
function tenThousandHeadings(): string {
  const parts: string[] = [];
  for (let n = 0; n < 10_000; n++) {
    const text = n % 10 === 0 ? '証明' : n % 100 === 1 ? `第${n}節 $a_{${n}}$` : `第${n}節`;
    parts.push(`${n % 3 === 0 ? '##' : '###'} ${text}\n\n本文 ${n}。\n`);
  }
  return parts.join('\n');
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'YAML syntax error',
    files: () => fixture('yaml-syntax-error'),
    outcome: { errors: ['broken-yaml.md:4:14 error[front-matter/yaml]'] },
  },
  {
    name: 'wrong types in the front matter',
    files: () => fixture('wrong-types'),
    outcome: {
      errors: [
        'wrong-types.md:4:7 error[front-matter/invalid-type]',
        'wrong-types.md:5:8 error[front-matter/invalid-type]',
        'wrong-types.md:6:7 error[front-matter/invalid-value]',
      ],
    },
  },
  {
    name: 'an empty file',
    files: () => fixture('empty-file'),
    outcome: {
      errors: [
        'empty.md:1:1 error[front-matter/missing-date]',
        'empty.md:1:1 error[front-matter/missing-title]',
      ],
      says: [/The file is empty/],
    },
  },
  {
    name: 'front matter never closed',
    files: () => fixture('unclosed-front-matter'),
    outcome: { errors: ['unclosed-front-matter.md:1:1 error[front-matter/unclosed]'] },
  },
  {
    name: '`---js` front matter, which gray-matter would eval',
    files: () => fixture('javascript-front-matter'),
    outcome: { errors: ['javascript-front-matter.md:1:4 error[front-matter/language]'] },
  },
  {
    name: 'a YAML alias bomb (billion laughs)',
    files: () => fixture('yaml-alias-bomb'),
    outcome: { errors: ['yaml-alias-bomb.md:2:1 error[front-matter/yaml]'] },
  },
  {
    name: 'a binary file named .md (a PNG)',
    files: async () => ({ 'image.md': PNG }),
    outcome: { errors: ['image.md:1:1 error[source/encoding]'] },
  },
  {
    name: 'NUL bytes in an otherwise valid article',
    files: async () => ({ 'nul.md': `${frontMatter('NUL')}前の文\u0000後の文\n` }),
    outcome: { errors: ['nul.md:6:4 error[source/binary]'] },
  },
  {
    name: 'a slug with ../ reaching outside the output folder',
    files: () => fixture('slug-traversal'),
    outcome: { errors: ['slug-traversal.md:4:7 error[front-matter/invalid-value]'] },
  },
  {
    name: 'two articles with the same slug',
    files: () => fixture('duplicate-slugs'),
    outcome: {
      errors: [
        'first.md:4:7 error[content/duplicate-slug]',
        'second.md:4:7 error[content/duplicate-slug]',
      ],
    },
  },
  {
    name: 'an unclosed $$',
    files: () => fixture('unclosed-display-math'),
    outcome: { errors: ['unclosed-display-math.md:8:1 error[math/unclosed-display]'] },
  },
  {
    name: 'a macro bomb in the front matter macros',
    files: () => fixture('macro-bomb-front-matter'),
    outcome: {
      errors: ['macro-bomb-front-matter.md:12:7 error[math/katex-error]'],
      says: [/Too many expansions/],
    },
  },
  {
    name: 'a macro bomb inside a formula (\\def\\x{\\x\\x})',
    files: () => fixture('macro-bomb-inline'),
    outcome: {
      errors: ['macro-bomb-inline.md:9:1 error[math/katex-error]'],
      says: [/Too many expansions/],
    },
  },
  {
    name: 'BOM and CRLF with a broken formula (lines still counted right)',
    files: async () => ({
      'bom-crlf-error.md':
        '\uFEFF---\r\ntitle: BOM と CRLF の誤り\r\ndate: 2025-05-20\r\n---\r\n\r\n' +
        '一行目。\r\n\r\n壊れた式 $\\frac{1}{$ がある。\r\n',
    }),
    outcome: { errors: ['bom-crlf-error.md:8:15 error[math/katex-error]'] },
  },
  {
    name: 'terminal escape sequences on the line of an error',
    files: async () => ({
      'escapes.md': `${frontMatter('エスケープ')}\u001b]0;pwned\u0007\u001b[2J\u001b[31m 式 $\\frac{1}{$\n`,
    }),
    outcome: { errors: ['escapes.md:6:32 error[math/katex-error]'] },
  },
  {
    name: 'BOM and CRLF',
    files: () => fixture('bom-crlf'),
    outcome: { builds: true },
  },
  {
    name: '<script> and event handlers in the title, tags, author, description, series and cover',
    files: () => fixture('script-in-front-matter'),
    outcome: { builds: true },
  },
  {
    name: '<script>, event handlers and javascript: links in the body',
    files: () => fixture('script-in-body'),
    outcome: { builds: true },
  },
  {
    name: '\\href{javascript:…}, \\url, \\includegraphics and \\html… in formulas and macros',
    files: () => fixture('href-javascript'),
    outcome: { builds: true },
  },
  {
    name: 'a 1 MB line',
    files: async () => ({ 'long-line.md': `${frontMatter('1 MB の行')}${oneMegabyteLine()}\n` }),
    outcome: { builds: true },
  },
  {
    name: 'ten thousand headings',
    files: async () => ({
      'headings.md': `${frontMatter('一万の見出し')}${tenThousandHeadings()}`,
    }),
    outcome: { builds: true },
  },
];

/** Every hostile payload begins with `<`: raw in an HTML or XML file, it is markup. */
export const RAW_PAYLOADS = [
  '<script>alert(',
  '<img src=x onerror=',
  '<svg onload=',
  '<body onload=',
  '<iframe src=javascript:',
  '<div onclick=',
  '<a href="javascript:',
];

/** Only hostile input contains this; a script with it was put there by an article. */
export const PAYLOAD_MARKER = /alert\(|msgbox\(/;

/** Paths the hostile fixtures try to write to or create (checked to stay absent). */
export const ESCAPE_TARGETS = ['/tmp/sugaku-hostile-escaped', '/tmp/sugaku-hostile-eval'];
