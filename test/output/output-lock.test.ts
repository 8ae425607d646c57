import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockOutputFolder, OutputFolderBusy } from '../../src/output/index.js';
import { isAlive } from '../../src/output/output-lock.js';

let root: string;
let out: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sugaku-lock-'));
  out = path.join(root, 'dist');
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
}

/** Holds the lock for a moment and records when; overlapping holders would interleave. */
async function holdBriefly(name: string, log: string[]): Promise<void> {
  const lock = await lockOutputFolder(out, { wait: true, pollMs: 5 });
  log.push(`${name} in`);
  await sleep(20);
  log.push(`${name} out`);
  await lock.release();
}

function neverTwoAtOnce(log: string[]): void {
  for (let i = 0; i < log.length; i += 2) {
    const name = log[i]!.split(' ')[0];
    expect([log[i], log[i + 1]]).toEqual([`${name} in`, `${name} out`]);
  }
}

describe('the lock of an output folder', () => {
  it('is held by one holder at a time, and gone once released', async () => {
    const log: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((name) => holdBriefly(name, log)));
    expect(log).toHaveLength(6);
    neverTwoAtOnce(log);
    expect(await readdir(root)).toEqual([]);
  });

  it('is taken for an output folder whose parent does not exist yet', async () => {
    out = path.join(root, 'build', 'site');
    const lock = await lockOutputFolder(out, { wait: false });
    await lock.release();
    expect(await readdir(path.join(root, 'build'))).toEqual([]);
  });

  it('tells who holds it when asked not to wait', async () => {
    const lock = await lockOutputFolder(out, { wait: true });
    const busy = await lockOutputFolder(out, { wait: false }).catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(OutputFolderBusy);
    expect((busy as OutputFolderBusy).holder?.pid).toBe(process.pid);
    await lock.release();
  });

  it('is taken over from a process that is gone, by one of several waiting builds at a time', async () => {
    await writeFile(
      `${out}.lock`,
      JSON.stringify({ pid: await deadPid(), host: hostname(), token: 'killed' }),
    );
    const log: string[] = [];
    await Promise.all(['a', 'b', 'c', 'd'].map((name) => holdBriefly(name, log)));
    expect(log).toHaveLength(8);
    neverTwoAtOnce(log);
  });

  it('is taken over when it was left empty long ago (its writer killed before writing it)', async () => {
    await writeFile(`${out}.lock`, '');
    const long = new Date(Date.now() - 60_000);
    await utimes(`${out}.lock`, long, long);
    const lock = await lockOutputFolder(out, { wait: false });
    await lock.release();
  });

  it.runIf(process.platform === 'linux')('knows a reused pid by its start time', async () => {
    const me = { pid: process.pid, host: hostname(), token: 't' };
    expect(isAlive(me)).toBe(true);
    expect(isAlive({ ...me, started: '1' })).toBe(false);
  });

  it('counts a holder on another host as alive: it cannot be asked', async () => {
    expect(isAlive({ pid: await deadPid(), host: `not-${hostname()}`, token: 't' })).toBe(true);
  });
});
