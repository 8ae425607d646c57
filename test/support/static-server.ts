import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface StaticServer {
  /** `http://127.0.0.1:<port>` — no trailing slash; append a site URL such as `/posts/x/`. */
  origin: string;
  /** Every request served so far, in order: what a browser asked for and what it got. */
  requests: { method: string; url: string; status: number }[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** The site's base path: `/blog/` serves `folder/index.html` at `/blog/`. Default `/`. */
  basePath?: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * A static host over `folder` on 127.0.0.1 and a free port, as a reader's browser would
 * meet the built site: paths percent-decoded, `index.html` for a folder (a folder without
 * its trailing slash is redirected to it), `404.html` with status 404 for anything else.
 */
export async function serveFolder(
  folder: string,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const root = path.resolve(folder);
  const basePath = options.basePath ?? '/';
  const requests: StaticServer['requests'] = [];
  const server = createServer((request, response) => {
    response.on('finish', () =>
      requests.push({
        method: request.method ?? 'GET',
        url: request.url ?? '',
        status: response.statusCode,
      }),
    );
    handle(root, basePath, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(
  root: string,
  basePath: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' });
    response.end();
    return;
  }
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return notFound(root, request, response);
  }
  if (!decoded.startsWith(basePath) || decoded.includes('\0')) {
    return notFound(root, request, response);
  }
  const file = path.resolve(root, `.${path.posix.sep}${decoded.slice(basePath.length)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound(root, request, response);

  const found = await stat(file).catch(() => undefined);
  if (found?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      response.writeHead(301, { location: `${pathname}/` });
      response.end();
      return;
    }
    const index = path.join(file, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) {
      return send(index, 200, request, response);
    }
    return notFound(root, request, response);
  }
  if (found?.isFile()) return send(file, 200, request, response);
  return notFound(root, request, response);
}

async function notFound(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const page = path.join(root, '404.html');
  if ((await stat(page).catch(() => undefined))?.isFile()) {
    return send(page, 404, request, response);
  }
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('404 Not Found\n');
}

async function send(
  file: string,
  status: number,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { size } = await stat(file);
  response.writeHead(status, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-store',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).on('end', resolve).pipe(response);
  });
}
