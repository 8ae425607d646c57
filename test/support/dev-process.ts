import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { repo } from './cli.js';

/** `sugaku dev` as a user runs it, in its own process; output collected as it comes. */
export interface DevProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  url: string;
  exited: Promise<number | null>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

export function startDev(
  cwd: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<DevProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(repo, 'bin/sugaku.js'), 'dev', '--port', '0', ...args],
      {
        cwd,
        env: { ...process.env, NO_COLOR: '1', ...env },
      },
    );
    const dev: DevProcess = {
      child,
      stdout: '',
      stderr: '',
      url: '',
      exited: new Promise((done) => child.on('exit', (code) => done(code))),
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          await dev.exited;
        }
      },
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      dev.stdout += chunk;
      const url = /^Serving (http:\/\/\S+)/m.exec(dev.stdout)?.[1];
      if (url && !dev.url) {
        dev.url = url;
        resolve(dev);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (dev.stderr += chunk));
    child.on('error', reject);
    void dev.exited.then((code) =>
      reject(new Error(`sugaku dev exited with ${code}: ${dev.stderr}`)),
    );
  });
}

/** Output arrives when it arrives; wait for it rather than for a fixed time. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  for (let waited = 0; !(await check()); waited += 25) {
    if (waited > timeoutMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
