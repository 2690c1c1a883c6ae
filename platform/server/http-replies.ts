// The platform's HTTP answers, shared by the practitioners' login and the support's API: a request body
// read within a size limit, and a JSON reply with the security headers and no caching.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './console-files';

/** Reads a request body of at most `limit` bytes; null when it is larger. */
export function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Answers `body` as JSON with `status`, the console's security headers, and no caching. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** The address a request came from, as the socket says (never a header a client could write). */
export function addressOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

/** Answers 429 `auth.throttled`: the attempt was not checked; `retryAt` says when to try again. */
export function sendThrottled(response: ServerResponse, retryAt: number, now: number): void {
  response.setHeader('retry-after', String(Math.max(1, Math.ceil((retryAt - now) / 1000))));
  sendJson(response, 429, { code: 'auth.throttled', retryAt });
}
