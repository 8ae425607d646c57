import { parseArgs } from 'node:util';

export type Command = 'build' | 'dev' | 'new';

interface OptionSpec {
  type: 'string' | 'boolean';
  /** The value's placeholder in the help: `--content DIR`. */
  value?: string;
  default?: string | boolean;
  help: string;
  /** The commands that take it, each with its own help line where it differs. */
  commands: Partial<Record<Command, true | string>>;
  /** Why a command does without it, for the help. */
  notFor?: Partial<Record<Command, string>>;
}

/**
 * Every option of every command, in the order the help lists them. The parsers of the
 * commands and the help are both made from this table, so that `sugaku dev --help` cannot
 * list an option `sugaku dev` refuses, nor give another default than `build` has.
 */
const OPTIONS = {
  content: {
    type: 'string',
    value: 'DIR',
    default: 'content',
    help: 'folder with posts/ (default: content)',
    commands: { build: true, dev: true, new: true },
  },
  out: {
    type: 'string',
    value: 'DIR',
    default: 'dist',
    help: 'output folder (default: dist)',
    commands: { build: true },
    notFor: { dev: 'the site is kept in memory' },
  },
  config: {
    type: 'string',
    value: 'FILE',
    help: 'site config (default: sugaku.config.yaml if present)',
    commands: {
      build: true,
      dev: true,
      new: 'site config, for the time zone and the default author',
    },
  },
  templates: {
    type: 'string',
    value: 'DIR',
    default: 'templates',
    help: 'templates folder (default: templates)',
    commands: { build: true, dev: true },
  },
  public: {
    type: 'string',
    value: 'DIR',
    default: 'public',
    help: 'static files copied as they are (default: public)',
    commands: { build: true, dev: true },
  },
  'base-path': {
    type: 'string',
    value: 'PATH',
    help: 'prefix of every internal link, e.g. /blog/',
    commands: { build: true, dev: true },
  },
  drafts: {
    type: 'boolean',
    default: false,
    help: 'include articles with draft: true',
    commands: { build: true },
    notFor: { dev: 'always on' },
  },
  strict: {
    type: 'boolean',
    default: false,
    help: 'fail on warnings too',
    commands: { build: true, dev: true },
  },
  quiet: {
    type: 'boolean',
    default: false,
    help: 'print errors only',
    commands: { build: true, dev: true },
  },
  jobs: {
    type: 'string',
    value: 'N',
    help: 'at most N worker threads, started as needed (default: one per core, none for a build of up to 300 articles; 1 renders in the main thread)',
    commands: { build: true, dev: true },
  },
  'cache-dir': {
    type: 'string',
    value: 'DIR',
    default: '.cache',
    help: 'render cache (default: .cache)',
    commands: { build: true, dev: true },
  },
  'no-cache': {
    type: 'boolean',
    default: false,
    help: 'render everything, keep no cache on disk',
    commands: { build: true, dev: true },
  },
  'no-wait': {
    type: 'boolean',
    default: false,
    help: 'if another build is writing the output folder, exit 2 instead of waiting',
    commands: { build: true },
    notFor: { dev: 'nothing is written to disk' },
  },
  port: {
    type: 'string',
    value: 'N',
    default: '4321',
    help: 'port to listen on (default: 4321)',
    commands: { dev: true },
  },
  host: {
    type: 'string',
    value: 'HOST',
    default: '127.0.0.1',
    help: 'address to listen on (default: 127.0.0.1, this machine only)',
    commands: { dev: true },
  },
  slug: {
    type: 'string',
    value: 'SLUG',
    help: 'file and URL name (default: the title, with spaces and symbols turned into -)',
    commands: { new: true },
  },
  tags: {
    type: 'string',
    value: 'a,b',
    help: 'tags, separated by commas',
    commands: { new: true },
  },
  series: {
    type: 'string',
    value: 'NAME',
    help: 'series the article belongs to',
    commands: { new: true },
  },
} as const satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof OPTIONS;
type Spec<N extends OptionName> = (typeof OPTIONS)[N];
type ValueOf<N extends OptionName> =
  Spec<N> extends { type: 'boolean' }
    ? boolean
    : Spec<N> extends { default: string }
      ? string
      : string | undefined;

/**
 * The options of one command as parsed. Each command reads only its own (the parser refuses
 * the others); an option with a default always has a value.
 */
export type OptionValues<C extends Command> = {
  [N in OptionName as C extends keyof Spec<N>['commands'] ? N : never]: ValueOf<N>;
};

/** `args` of `command` → its options and positionals; unknown options are a usage error (exit 2). */
export function parseCommandArgs<C extends Command>(
  command: C,
  args: string[],
  allowPositionals = false,
): { values: OptionValues<C>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {};
  for (const [name, spec] of Object.entries(OPTIONS) as [string, OptionSpec][]) {
    if (!(command in spec.commands)) continue;
    options[name] =
      spec.default === undefined ? { type: spec.type } : { type: spec.type, default: spec.default };
  }
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals, options });
  return { values: values as OptionValues<C>, positionals };
}

/** The option lines of `sugaku --help` for one command. */
export function optionLines(command: Command): string[] {
  return (Object.entries(OPTIONS) as [string, OptionSpec][])
    .filter(([, spec]) => command in spec.commands)
    .map(([name, spec]) => optionLine(name, spec, command));
}

/**
 * The help for a command that takes the build options: which it does not take (and why),
 * and its own. Made from the table, like the parser.
 */
export function buildLikeHelp(command: Command): string {
  const entries = Object.entries(OPTIONS) as [string, OptionSpec][];
  const missing = entries
    .filter(([, spec]) => 'build' in spec.commands && !(command in spec.commands))
    .map(
      ([name, spec]) => `--${name}${spec.notFor?.[command] ? ` (${spec.notFor[command]})` : ''}`,
    );
  const own = entries.filter(([, spec]) => command in spec.commands && !('build' in spec.commands));
  const except = missing.length > 0 ? ` except ${joinAnd(missing)}` : '';
  return [
    wrap(`the build options above, with the same defaults,${except}; and`, 78),
    ...own.map(([name, spec]) => optionLine(name, spec, command)),
  ].join('\n');
}

function optionLine(name: string, spec: OptionSpec, command: Command): string {
  const flag = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
  const own = spec.commands[command];
  return `  ${flag.padEnd(16)}  ${typeof own === 'string' ? own : spec.help}`;
}

/** Break a sentence into lines of at most `width` characters, the first shorter by a heading. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const limit = lines.length === 0 ? width - 14 : width;
    if (line !== '' && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line].join('\n');
}

function joinAnd(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
