// The attendant page's HTTP server, on its own port of the pharmacy's network: the page, a login with
// the attendant's PIN (checked by the staff access, whose five-try lock of the attendant role it shares
// with the cabin's screen; wrong PINs also limited per address and overall), then a
// session cookie (HttpOnly, SameSite=Strict, expiring) for the cabin's state (`{ok, value}` or
// `{ok: false, error}`: a wrong code is an expected answer, not an HTTP error), its changes as
// server-sent events, and "J'arrive" (the help call acknowledged). A hostile LAN is assumed: fixed
// routes only, no CORS, a strict Content-Security-Policy, bodies of at most 1 KB, JSON only, and a
// POST from another origin refused. The state carries no patient data (attendant-page-state.ts).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { err, ok, type Clock, type Result } from '../../contract';
import type { OperationLog } from '../log';
import { AttemptLimit, type AttemptLimitOptions } from './attempt-limit';
import {
  ATTENDANT_PAGE_CSS,
  ATTENDANT_PAGE_JS,
  attendantPageHtml,
  pageLocale,
} from './attendant-page-assets';
import type { AttendantPageState } from './attendant-page-state';

/** What the page server shows and does. */
export interface AttendantPagePorts {
  /** The cabin's state as the page may show it (no patient data). */
  readonly state: () => AttendantPageState;
  /** Calls `listener` whenever that state may have changed; answers how to stop. */
  readonly watch: (listener: () => void) => () => void;
  /** The attendant answered the help call from the page ("J'arrive"). */
  readonly acknowledgeHelp: () => void;
  /** The attendant's decision on a card payment waiting for it, paid or not (absent: refused). */
  readonly settlePayment?: (transactionId: string, paid: boolean) => Result<void>;
  /** The attendant's PIN, as the staff access checks it (the role's lock shared with the cabin's screen). */
  readonly attendantPin: AttendantPin;
  readonly clock: Clock;
  readonly log: OperationLog;
  readonly attemptLimit?: AttemptLimitOptions;
  /** How long a login lasts (a working day by default). */
  readonly sessionMs?: number;
}

/** How the page checks the attendant's PIN. */
export interface AttendantPin {
  /** Checks a PIN typed on the page; a wrong one counts toward the role's lock (`staff.badPin`, `staff.locked`). */
  check(pin: string): Result<void>;
  /** How long the attendant role stays locked, in ms (0 when it is not). */
  lockedForMs(): number;
}

/** Where and how the page listens. */
export interface AttendantPageListen {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** A running attendant page. */
export interface AttendantPageServer {
  /** The page's address, e.g. `http://192.168.1.20:8091/`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Why the page's API refused a login or a request, as `{ok: false, error}` in a 200 answer. */
export type AttendantPageError =
  | { readonly code: 'attendant.badCode' }
  | { readonly code: 'attendant.locked'; readonly retryAfterSeconds: number }
  | { readonly code: 'attendant.loginNeeded' };

const LOGIN_NEEDED: AttendantPageError = { code: 'attendant.loginNeeded' };

/** The name of the session cookie. */
export const ATTENDANT_COOKIE = 'cabine_attendant';

/** The largest request body the page accepts, in bytes. */
export const MAX_BODY_BYTES = 1024;

/** The most connections at once (a counter, a few phones, their event streams). */
const MAX_CONNECTIONS = 64;

/** The most logins kept at once; the oldest goes first. */
const MAX_LOGINS = 32;

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** Starts the attendant page on `listen`. */
export async function startAttendantPage(
  ports: AttendantPagePorts,
  listen: AttendantPageListen,
): Promise<AttendantPageServer> {
  const { clock, log } = ports;
  const limit = new AttemptLimit(clock, ports.attemptLimit);
  const sessionMs = ports.sessionMs ?? 12 * 3_600_000;
  /** Logins by the digest of their token: the token itself is never kept. */
  const logins = new Map<string, number>();
  const streams = new Set<ServerResponse>();

  const loginOf = (request: IncomingMessage): string | null => {
    const token = cookieOf(request, ATTENDANT_COOKIE);
    return token === null ? null : digest(token).toString('hex');
  };

  const loggedIn = (request: IncomingMessage): boolean => isValid(loginOf(request));

  const isValid = (key: string | null): boolean => {
    if (key === null) return false;
    const until = logins.get(key);
    if (until === undefined) return false;
    if (until <= clock.now()) {
      logins.delete(key);
      return false;
    }
    return true;
  };

  const logIn = (request: IncomingMessage, response: ServerResponse, body: unknown): void => {
    const client = request.socket.remoteAddress ?? 'unknown';
    // The address's own lock, or the role's lock (from the page or the cabin's screen): even the right
    // PIN waits for the later end of the two.
    const verdict = limit.check(client);
    const waitMs = Math.max(verdict.allowed ? 0 : verdict.retryAfterMs, ports.attendantPin.lockedForMs());
    if (waitMs > 0) return refuse(response, { code: 'attendant.locked', retryAfterSeconds: seconds(waitMs) });
    const code = isRecord(body) && typeof body.code === 'string' && body.code.length <= 64 ? body.code : '';
    const checked = ports.attendantPin.check(code);
    if (!checked.ok) {
      const lock = limit.failed(client);
      log.warn('attendantPage.refused', { code: checked.error.code });
      if (lock !== null) log.warn('attendantPage.locked', { scope: lock.scope, client, forMs: lock.forMs });
      if (checked.error.code !== 'staff.locked') return refuse(response, { code: 'attendant.badCode' });
      const retryAfterSeconds = seconds(ports.attendantPin.lockedForMs());
      return refuse(response, { code: 'attendant.locked', retryAfterSeconds });
    }
    limit.succeeded(client);
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    for (const [key, until] of logins) if (until <= now) logins.delete(key);
    if (logins.size >= MAX_LOGINS) logins.delete(logins.keys().next().value ?? '');
    logins.set(digest(token).toString('hex'), now + sessionMs);
    log.info('attendantPage.loggedIn');
    response.setHeader(
      'Set-Cookie',
      `${ATTENDANT_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(sessionMs / 1000)}`,
    );
    answerState(response);
  };

  const answerState = (response: ServerResponse): void => sendJson(response, 200, ok(ports.state()));

  const logOut = (request: IncomingMessage, response: ServerResponse): void => {
    const token = cookieOf(request, ATTENDANT_COOKIE);
    if (token !== null) logins.delete(digest(token).toString('hex'));
    response.setHeader('Set-Cookie', `${ATTENDANT_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    response.writeHead(204, SECURITY_HEADERS).end();
  };

  const follow = (request: IncomingMessage, response: ServerResponse): void => {
    const login = loginOf(request);
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8' });
    // The view changes with every screen of the patient; the page hears only what it shows changing.
    let last = '';
    const push = (): void => {
      // A login that expired or logged out hears nothing more: the page asks for the code again.
      if (!isValid(login)) return void response.end();
      const state = JSON.stringify(ports.state());
      if (state === last) return;
      last = state;
      response.write(`data: ${state}\n\n`);
    };
    push();
    streams.add(response);
    const stop = ports.watch(push);
    response.on('close', () => {
      stop();
      streams.delete(response);
    });
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    if (method === 'GET') {
      switch (path) {
        case '/':
          return send(
            response,
            200,
            'text/html',
            attendantPageHtml(pageLocale(request.headers['accept-language'])),
          );
        case '/attendant-page.js':
          return send(response, 200, 'text/javascript', ATTENDANT_PAGE_JS);
        case '/attendant-page.css':
          return send(response, 200, 'text/css', ATTENDANT_PAGE_CSS);
        // Browsers ask for an icon by themselves: no icon, and no error either.
        case '/favicon.ico':
          return void response.writeHead(204, SECURITY_HEADERS).end();
        case '/api/state':
          return loggedIn(request) ? answerState(response) : refuse(response, LOGIN_NEEDED);
        case '/api/events':
          return loggedIn(request) ? follow(request, response) : sendJson(response, 401, LOGIN_NEEDED);
        default:
          return sendJson(response, 404, { code: 'page.notFound' });
      }
    }
    if (method !== 'POST') return sendJson(response, 405, { code: 'page.methodNotAllowed' });
    if (!['/api/login', '/api/acknowledge', '/api/logout', '/api/payment'].includes(path)) {
      return sendJson(response, 404, { code: 'page.notFound' });
    }
    // A form or a script of another site cannot post here: JSON only, and from this page's own origin.
    if (!isJson(request) || !sameOrigin(request)) return sendJson(response, 403, { code: 'page.refused' });
    const body = await readBody(request);
    if (!body.ok) {
      if (body.error === 'tooLarge') response.setHeader('Connection', 'close');
      return body.error === 'tooLarge'
        ? sendJson(response, 413, { code: 'page.tooLarge' })
        : sendJson(response, 400, { code: 'page.invalidInput' });
    }
    if (path === '/api/login') return logIn(request, response, body.value);
    if (!loggedIn(request)) return refuse(response, LOGIN_NEEDED);
    if (path === '/api/logout') return logOut(request, response);
    if (path === '/api/payment') return decidePayment(response, body.value);
    if (ports.state().help !== null) {
      log.info('attendant.command', { command: 'attendant.acknowledgeHelp', from: 'attendantPage' });
      ports.acknowledgeHelp();
    }
    answerState(response);
  };

  // "Payé" / "Pas payé" on a payment waiting for the attendant: the page then shows the state again,
  // without it once decided (a payment no longer waiting is logged and left as it is).
  const decidePayment = (response: ServerResponse, body: unknown): void => {
    const { transactionId, paid } = isRecord(body) ? body : {};
    if (
      !isRecord(body) ||
      Object.keys(body).length !== 2 ||
      typeof transactionId !== 'string' ||
      !/^[A-Za-z0-9]{1,16}$/.test(transactionId) ||
      typeof paid !== 'boolean'
    ) {
      return sendJson(response, 400, { code: 'page.invalidInput' });
    }
    if (ports.settlePayment === undefined) return sendJson(response, 404, { code: 'page.notFound' });
    log.info('attendant.command', { command: 'attendant.settlePayment', from: 'attendantPage' });
    const settled = ports.settlePayment(transactionId, paid);
    if (!settled.ok) log.warn('attendantPage.paymentNotSettled', { code: settled.error.code });
    answerState(response);
  };

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      log.error('attendantPage.failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) sendJson(response, 500, { code: 'page.failed' });
      else response.end();
    });
  });
  // A hostile network may open connections and send nothing, or slowly: both are bounded.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${port}/`;
  log.info('attendantPage.listening', { host: listen.host, port });
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const seconds = (ms: number): number => Math.ceil(ms / 1000);

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': `${type}; charset=utf-8` }).end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json', JSON.stringify(body));
}

// An expected refusal (a wrong code, a lock, a login needed) is a value, answered 200 like the rest of
// the page's normal flow; HTTP errors are kept for requests the page itself never makes.
function refuse(response: ServerResponse, error: AttendantPageError): void {
  if (error.code === 'attendant.locked') response.setHeader('Retry-After', String(error.retryAfterSeconds));
  sendJson(response, 200, err(error));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJson(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim() === 'application/json';
}

// Browsers send Origin with every POST; it must name this very server (the Host the page was loaded from).
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://${request.headers.host ?? ''}`;
}

// The cookie's value, when it is there and looks like one of our tokens.
function cookieOf(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === name && value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return null;
}

// The JSON body, at most MAX_BODY_BYTES; a larger one is cut off as soon as it passes the limit.
async function readBody(request: IncomingMessage): Promise<Result<unknown, 'tooLarge' | 'invalid'>> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) return err('tooLarge');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return err('tooLarge');
    chunks.push(chunk as Buffer);
  }
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    return ok(text === '' ? {} : (JSON.parse(text) as unknown));
  } catch {
    return err('invalid');
  }
}
