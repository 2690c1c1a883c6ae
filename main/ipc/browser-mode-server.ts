// Browser mode: the built renderer over HTTP and the CabinApi over a WebSocket, on 127.0.0.1 only,
// behind a token drawn at each launch. Chromium in kiosk mode (or a test) opens the printed URL.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock, type CallMessage, type Clock, type ServerMessage } from '../../contract';
import type { Controller } from '../controller-types';
import { summariseRepeats, type OperationLog } from '../log';
import { dispatchCall } from './call-dispatch';
import { contentSecurityPolicy } from './content-security-policy';

/** A running browser-mode server. */
export interface BrowserModeServer {
  /** The cabin's local URL, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Options of the browser-mode server. */
export interface BrowserModeOptions {
  readonly controller: Controller;
  readonly log: OperationLog;
  /** The folder of the built renderer (vite build output). */
  readonly rendererDirectory: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Extra routes under /simulator/ for the simulated hardware (e2e tests); absent in real mode. */
  readonly simulatorRoutes?: (path: string, body: unknown) => Promise<boolean>;
  /** The clock of the refusals' summary (one line per kind and minute); tests pass a manual clock. */
  readonly clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Largest message a renderer may send; anything larger is a bug or an attack. */
const MAX_MESSAGE_BYTES = 16 * 1024;

/** Starts the browser-mode server on 127.0.0.1. */
export async function startBrowserModeServer(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const token = randomBytes(24).toString('base64url');
  const { controller, log } = options;
  // Anything a local program sends is refused at its cost, not the log's: repeats are counted.
  const refusals = summariseRepeats(log, { clock: options.clock ?? systemClock });
  // Known once the server listens: the page may connect to its own API port and nowhere else.
  let policy = contentSecurityPolicy({ localApiPort: null });
  const http = createServer((request, response) => {
    void handleHttp(request, response, options, token, policy).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const originOk = request.headers.origin === undefined || isLocalOrigin(request.headers.origin);
    if (url.pathname !== '/api' || url.searchParams.get('token') !== token || !originOk) {
      refusals.warn('api.connectionRefused');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, controller, refusals));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  policy = contentSecurityPolicy({ localApiPort: port });
  log.info('browserMode.listening', { port });
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      await closeAll(http, sockets);
      refusals.close();
    },
  };
}

/** Serves one renderer's socket; `refusals` is the summarising log of refused input and calls. */
function serveSocket(ws: WebSocket, controller: Controller, refusals: OperationLog): void {
  const send = (message: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = controller.onEvent((event) => send({ kind: 'event', event }));
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    let message: Partial<CallMessage>;
    try {
      if (isBinary) throw new TypeError('binary frame');
      message = JSON.parse(data.toString('utf8')) as Partial<CallMessage>;
    } catch {
      refusals.warn('api.refused', { code: 'api.notJson' });
      return;
    }
    if (
      typeof message !== 'object' ||
      message === null ||
      message.kind !== 'call' ||
      !Number.isInteger(message.id)
    ) {
      refusals.warn('api.refused', { code: 'api.badEnvelope' });
      return;
    }
    const id = message.id as number;
    void dispatchCall(controller.server, refusals, message.method, message.params).then((result) =>
      send({ kind: 'reply', id, result }),
    );
  });
}

async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  options: BrowserModeOptions,
  token: string,
  policy: string,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/simulator/') && options.simulatorRoutes) {
    if (request.method !== 'POST' || url.searchParams.get('token') !== token) {
      response.writeHead(403).end();
      return;
    }
    const body = await readBody(request);
    const handled = await options.simulatorRoutes(url.pathname.slice('/simulator/'.length), body);
    response.writeHead(handled ? 204 : 404).end();
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405).end();
    return;
  }
  if (url.pathname === '/favicon.ico') {
    // Browsers ask for it on their own; the kiosk has no icon to show.
    response.writeHead(204).end();
    return;
  }
  const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
  const path = normalize(join(options.rendererDirectory, relative));
  if (!path.startsWith(options.rendererDirectory + sep)) {
    response.writeHead(404).end();
    return;
  }
  const body = await readFile(path).catch(() => null);
  if (body === null) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'content-security-policy': policy,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function isLocalOrigin(origin: string): boolean {
  try {
    const { hostname } = new URL(origin);
    return hostname === '127.0.0.1' || hostname === 'localhost';
  } catch {
    return false;
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_MESSAGE_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    return chunks.length === 0 ? null : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
  } catch {
    return null;
  }
}

async function closeAll(http: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  await new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeAllConnections();
}
