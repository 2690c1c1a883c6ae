// Browser mode: the built renderer over HTTP and the CabinApi over a WebSocket, on 127.0.0.1 only.
// The API's secret is never on a command line nor printed: the window opens a one-time launch address
// (`/?launch=<code>`), whose code is spent at the first load and exchanged for the secret in an
// HttpOnly, SameSite=Strict cookie of this origin; the page's socket carries the cookie. A local user
// who reads the launch address in /proc afterwards holds a spent code.
import { randomBytes, timingSafeEqual } from 'node:crypto';
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
  /** The cabin's origin, `http://127.0.0.1:<port>/`: nothing secret (it opens no API without the cookie). */
  readonly url: string;
  readonly port: number;
  /** The API's secret, the value of the cookie: for this process's own tests and tools, never printed. */
  readonly token: string;
  /** A fresh one-time launch address for one window: its code is spent at the first load. */
  launchUrl(): string;
  close(): Promise<void>;
}

/** The cookie that carries the API's secret for the page's socket. */
export const SESSION_COOKIE = 'cabine-api';

/** How many launch codes may wait unspent (each window opened asks one). */
const MAX_UNSPENT_LAUNCH_CODES = 8;

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
  const launchCodes = new Set<string>();
  const { controller, log } = options;
  // Anything a local program sends is refused at its cost, not the log's: repeats are counted.
  const refusals = summariseRepeats(log, { clock: options.clock ?? systemClock });
  // Known once the server listens: the page may connect to its own API port and nowhere else.
  let policy = contentSecurityPolicy({ localApiPort: null });
  const http = createServer((request, response) => {
    void handleHttp(request, response, options, { token, launchCodes, policy, log }).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const originOk = request.headers.origin === undefined || isLocalOrigin(request.headers.origin);
    if (url.pathname !== '/api' || !carriesSecret(request, token) || !originOk) {
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
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    launchUrl: () => {
      const code = randomBytes(18).toString('base64url');
      // An old code never used goes first: a window opened long ago cannot still come in.
      if (launchCodes.size >= MAX_UNSPENT_LAUNCH_CODES)
        launchCodes.delete(launchCodes.values().next().value ?? '');
      launchCodes.add(code);
      return `http://127.0.0.1:${port}/?launch=${code}`;
    },
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

/** What the HTTP side needs: the secret, the unspent launch codes, the page's policy, the log. */
interface HttpState {
  readonly token: string;
  readonly launchCodes: Set<string>;
  readonly policy: string;
  readonly log: OperationLog;
}

async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  options: BrowserModeOptions,
  state: HttpState,
): Promise<void> {
  const { token, launchCodes, policy } = state;
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/simulator/') && options.simulatorRoutes) {
    if (request.method !== 'POST' || !carriesSecret(request, token)) {
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
  const launch = url.searchParams.get('launch');
  if (launch !== null) {
    // Spent at once, whatever follows: a launch address works once.
    if (!launchCodes.delete(launch)) {
      state.log.warn('browserMode.launchRefused');
      response
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end(
          'Ce lien de lancement a déjà servi. Relancez la cabine (npm start).\n' +
            'This launch link was already used. Start the cabin again (npm start).\n',
        );
      return;
    }
    response
      .writeHead(303, {
        location: '/',
        'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      })
      .end();
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

/** Whether the request carries the API's secret in its session cookie (never in its address). */
function carriesSecret(request: IncomingMessage, token: string): boolean {
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  return cookie !== undefined && sameSecret(cookie, token);
}

// Compares in constant time, so the answer's timing tells nothing of the secret.
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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
