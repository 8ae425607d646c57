import type { Server, ServerResponse } from 'node:http';

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
  head: boolean,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': bytes.byteLength,
    // Always fresh: the point of a dev server is to show the file as it is now.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(head ? undefined : bytes);
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  send(response, status, 'text/plain; charset=utf-8', `${text}\n`, false);
}

export function redirect(response: ServerResponse, status: 301 | 302, location: string): void {
  response.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  response.end();
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `Host: localhost:4321`, `127.0.0.1:4321`, `[::1]:4321`, `blog.localhost`. */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (header === undefined) return false;
  const name = header.startsWith('[')
    ? header.slice(1, header.indexOf(']'))
    : header.replace(/:\d*$/, '');
  return isLoopback(name.toLowerCase()) || name.toLowerCase().endsWith('.localhost');
}

export function formatHost(address: string): string {
  // Bound to every interface: this machine reaches it as localhost.
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}
