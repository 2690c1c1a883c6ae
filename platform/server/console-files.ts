// The built practitioner console served at /console/: files of one directory only (no traversal, no
// symbolic link out of it, no directory listing), each with its content type and the strict security
// headers of the console.
import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/** The Content-Security-Policy of every platform response: the console loads only its own files. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  'media-src blob: mediastream:',
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every platform response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Content types by file extension; anything else is served as bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** The content type of a file name. */
export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** Serves the files of one directory under a URL prefix. */
export class ConsoleFiles {
  readonly #root: string;
  #realRoot: Promise<string> | null = null;

  /** Serves `directory` (which may not exist yet: the console is built separately). */
  constructor(directory: string) {
    this.#root = resolve(directory);
  }

  /**
   * Answers `relative` (the URL path after `/console/`, still percent-encoded): the file, or 404 for
   * anything missing, hidden, a directory, or outside the directory.
   */
  async serve(relative: string, method: 'GET' | 'HEAD', response: ServerResponse): Promise<void> {
    const file = await this.#locate(relative === '' ? 'index.html' : relative);
    if (file === null) return notFound(response);
    const body = await readFile(file).catch(() => null);
    if (body === null) return notFound(response);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': contentTypeOf(file),
      'content-length': body.length,
      // The page names its hashed assets: the page itself must be fetched again, the assets may be kept.
      'cache-control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
    });
    response.end(method === 'HEAD' ? undefined : body);
  }

  async #locate(relative: string): Promise<string | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      return null;
    }
    const segments = decoded.split('/');
    const refused = segments.some(
      (segment) =>
        segment === '' || segment.startsWith('.') || segment.includes('\\') || segment.includes('\0'),
    );
    if (refused) return null;
    const candidate = resolve(this.#root, ...segments);
    if (!candidate.startsWith(this.#root + sep)) return null;
    try {
      // A symbolic link must not lead out of the directory either.
      this.#realRoot ??= realpath(this.#root);
      const [real, realRoot] = await Promise.all([realpath(candidate), this.#realRoot]);
      if (!real.startsWith(realRoot + sep)) return null;
      return (await stat(real)).isFile() ? real : null;
    } catch {
      this.#realRoot = null;
      return null;
    }
  }
}

function notFound(response: ServerResponse): void {
  const body = JSON.stringify({ code: 'notFound' });
  response.writeHead(404, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
