import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repo = path.resolve(import.meta.dirname, '../..');

/**
 * A small site in a fresh temp folder: the repository's templates and public files (copied,
 * so edits stay in the test), a config, and the given articles under `content/posts/`.
 */
export async function makeSite(posts: Record<string, string>, config = ''): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'sugaku-dev-'));
  await cp(path.join(repo, 'templates'), path.join(root, 'templates'), { recursive: true });
  await cp(path.join(repo, 'public'), path.join(root, 'public'), { recursive: true });
  await mkdir(path.join(root, 'content/posts'), { recursive: true });
  await writeFile(path.join(root, 'sugaku.config.yaml'), config);
  for (const [name, text] of Object.entries(posts)) {
    await writeFile(path.join(root, 'content/posts', name), text);
  }
  return root;
}

export function post(title: string, body: string, extra = ''): string {
  return `---\ntitle: ${title}\ndate: 2025-05-20 10:00\n${extra}---\n\n${body}\n`;
}

export interface ServerEvent {
  type: string;
  data: Record<string, unknown>;
}

/** A browser's `EventSource`, in Node: connect to the dev server's event stream. */
export interface EventClient {
  /** The greeting every connection starts with. */
  hello: ServerEvent;
  /** The next event of this type that arrives after the call. */
  next(type: string): Promise<ServerEvent>;
  /** Every event after the greeting, in order. */
  readonly received: ServerEvent[];
  close(): void;
}

const EVENT_WAIT_MS = 25_000;

export function connectEvents(origin: string): Promise<EventClient> {
  return new Promise((resolve, reject) => {
    const waiters: { type: string; resolve: (event: ServerEvent) => void }[] = [];
    const seen: string[] = [];
    const received: ServerEvent[] = [];
    let buffer = '';
    let hello: ServerEvent | undefined;
    const req = request(new URL('/__sugaku/events', origin), (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type === undefined || data === undefined) continue;
          const event = { type, data: JSON.parse(data) as Record<string, unknown> };
          seen.push(type);
          if (!hello) {
            hello = event;
            resolve(client);
            continue;
          }
          received.push(event);
          for (const waiter of waiters.filter((w) => w.type === type)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
        }
      });
    });
    req.on('error', reject);
    req.end();
    const client: EventClient = {
      get hello() {
        return hello!;
      },
      received,
      next(type) {
        return new Promise((resolveEvent, rejectEvent) => {
          const timer = setTimeout(
            () => rejectEvent(new Error(`no "${type}" event; events so far: ${seen.join(', ')}`)),
            EVENT_WAIT_MS,
          );
          waiters.push({
            type,
            resolve: (event) => {
              clearTimeout(timer);
              resolveEvent(event);
            },
          });
        });
      },
      close() {
        req.destroy();
      },
    };
  });
}

export interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** Send a request target exactly as written, with no client-side normalisation. */
export function rawGet(origin: string, target: string, host?: string): Promise<RawResponse> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let text = '';
    socket.setEncoding('latin1');
    socket.on('connect', () => {
      socket.write(
        Buffer.from(
          `GET ${target} HTTP/1.1\r\nHost: ${host ?? url.host}\r\nConnection: close\r\n\r\n`,
          'latin1',
        ),
      );
    });
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0),
        headers: head,
        body: Buffer.from(text.slice(split + 4), 'latin1').toString('utf8'),
      });
    });
  });
}
