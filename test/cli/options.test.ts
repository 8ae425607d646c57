import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs, type Command } from '../../src/cli/options.js';
import { listenForRebuildKey } from '../../src/cli/rebuild-key.js';
import { usage } from '../../src/cli/usage.js';

/** The options the help lists under a heading, with a sample value where they take one. */
function listed(heading: string): string[][] {
  const section = usage.split(/\n\n/).find((block) => block.startsWith(heading)) ?? '';
  return [...section.matchAll(/^ {2}--([\w-]+)(?: (\S+))?/gm)].map(([, name, value]) =>
    value ? [`--${name}`, value === 'N' ? '2' : 'x'] : [`--${name}`],
  );
}

describe('the help and the parsers, made from one table', () => {
  it.each<[Command, string]>([
    ['build', 'Build options:'],
    ['new', 'New options:'],
  ])('%s accepts every option its help lists', (command, heading) => {
    const options = listed(heading);
    expect(options.length).toBeGreaterThan(3);
    for (const args of options) expect(() => parseCommandArgs(command, args)).not.toThrow();
  });

  it('dev accepts every build option but those its help names, and its own', () => {
    const dev = usage.slice(usage.indexOf('Dev options:'), usage.indexOf('New options:'));
    const refused = [...dev.matchAll(/--([\w-]+)\s\(/g)].map(([, name]) => `--${name}`);
    expect(refused).toEqual(['--out', '--drafts', '--no-wait']);
    for (const args of [...listed('Build options:'), ...listed('Dev options:')]) {
      if (refused.includes(args[0]!)) {
        expect(() => parseCommandArgs('dev', args)).toThrow(/Unknown option/);
      } else {
        expect(() => parseCommandArgs('dev', args)).not.toThrow();
      }
    }
    for (const option of ['--cache-dir', '--jobs', '--no-cache', '--port', '--host']) {
      expect(dev + usage.slice(0, usage.indexOf('Dev options:'))).toContain(option);
    }
  });

  it('gives dev the same defaults as build', () => {
    const build = parseCommandArgs('build', []).values;
    const dev = parseCommandArgs('dev', []).values;
    expect(dev['cache-dir']).toBe('.cache');
    for (const key of [
      'content',
      'templates',
      'public',
      'cache-dir',
      'no-cache',
      'strict',
    ] as const)
      expect(dev[key]).toEqual(build[key]);
  });
});

describe('r and Enter in the terminal of sugaku dev', () => {
  it('asks for a full rebuild; other lines do nothing', () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    let asked = 0;
    const stop = listenForRebuildKey(input, () => (asked += 1));
    input.write('x\nr\n');
    input.write(' R \n');
    return new Promise<void>((resolve) => {
      setImmediate(() => {
        expect(asked).toBe(2);
        stop();
        resolve();
      });
    });
  });

  it('listens only on a terminal', () => {
    const input = new PassThrough();
    let asked = 0;
    listenForRebuildKey(input, () => (asked += 1))();
    input.write('r\n');
    expect(asked).toBe(0);
    expect(input.listenerCount('data')).toBe(0);
  });
});
