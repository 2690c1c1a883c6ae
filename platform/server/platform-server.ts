// The reference teleconsultation platform: one HTTP server for the practitioners' login and the built
// console, and one WebSocket endpoint (`/ws`) where cabins and consoles speak the platform protocol
// (contract/platform-protocol.ts). Every incoming message is validated by the contract's validators;
// the switchboard does the rest. Everything is kept in memory; nothing of a patient is logged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import type {
  DirectAccessSpecialty,
  IceServer,
  PlatformToCabin,
  PlatformToPractitioner,
  Profession,
  ProtocolViolation,
  Rejected,
} from '../../contract';
import { systemClock, type Clock } from '../../contract/clock';
import {
  MAX_PLATFORM_MESSAGE_BYTES,
  PLATFORM_CLOSE_CODES,
  PLATFORM_SOCKET_PATH,
} from '../../contract/platform-protocol';
import {
  parseCabinMessage,
  parseFrame,
  parseHello,
  parseLoginRequest,
  parseLogoutRequest,
  parsePractitionerMessage,
} from '../../contract/validate-platform';
import { Accounts, type CabinAccount, type PractitionerAccount } from './accounts';
import { ConnectionWatch } from './connection-watch';
import { ConsoleFiles, SECURITY_HEADERS } from './console-files';
import { addressOf, readBody, sendJson, sendThrottled } from './http-replies';
import { LoginThrottle, type LoginLimits } from './login-throttle';
import { SILENT_LOG, type PlatformLog } from './platform-log';
import type { SfuBackend } from './sfu';
import { SUPPORT_API_PREFIX, SupportApi, type SupportAccount } from './support-api';
import type { DmpDeposit } from './dmp-deposit';
import { DocumentWriter } from './document-writer';
import type { PrescriptionService } from './prescription-service';
import { Switchboard, type CabinLine, type PractitionerLine, type SwitchboardStats } from './switchboard';

/** An appointment booked ahead: its code (digits, typed in the cabin) and the profession it is with. */
export interface Appointment {
  readonly code: string;
  readonly profession: Profession;
  /** The booked doctor's specialty when it is direct access (the cabin then asks nothing of the médecin traitant). */
  readonly specialty?: DirectAccessSpecialty;
}

/** How a platform is started. */
export interface PlatformOptions {
  /** The address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** The port (0 = a free one). */
  readonly port?: number;
  readonly cabins: readonly CabinAccount[];
  readonly practitioners: readonly PractitionerAccount[];
  /** The operator's support accounts: they read and answer the help calls (support-api.ts; default none). */
  readonly supportAccounts?: readonly SupportAccount[];
  readonly appointments?: readonly Appointment[];
  /** Handed to both sides of every call (default none: loopback and LAN only). */
  readonly iceServers?: readonly IceServer[];
  /** How long a practitioner token is valid (default 8 h). */
  readonly tokenLifetimeMs?: number;
  /** How long a cabin connection lasts before the cabin must say hello again (default 12 h). */
  readonly cabinConnectionLifetimeMs?: number;
  /** How long a waiting place or a call survives its cabin's or practitioner's dropped connection (default 60 s). */
  readonly resumeGraceMs?: number;
  /** How long the patient data of a session is kept at most, even without `call.leave` (default 2 h). */
  readonly sessionTtlMs?: number;
  /** The mean consultation length, in minutes, the wait estimates use before any call has finished (default 10). */
  readonly meanConsultationMinutes?: number;
  /** How long a new connection may take to say hello (default 5 s). */
  readonly helloTimeoutMs?: number;
  /** How many connections may wait for their hello at once, all addresses together (default 64). */
  readonly maxPendingConnections?: number;
  /** How many connections of one address may wait for their hello at once (default 8). */
  readonly maxPendingPerAddress?: number;
  /**
   * The heartbeat: every this many ms each connection is pinged, and one that has not answered the
   * previous ping is dropped, so that a silently dead network counts as a drop (default 10 s).
   */
  readonly heartbeatMs?: number;
  /** The built console's files, served at /console/ (null = not served). */
  readonly consoleDirectory?: string | null;
  /** The SFU for the calls' media (null = direct mode). */
  readonly sfu?: SfuBackend | null;
  /** The time of every delay, expiry and grace (the system clock by default; tests move a manual one). */
  readonly clock?: Clock;
  /** The operation log (default: silent). */
  readonly log?: PlatformLog;
  /** How failed logins are slowed down, the console's and the support's each on its own (login-throttle.ts). */
  readonly loginLimits?: LoginLimits;
  /** The e-prescription service (default: the test one, `TEST-ORDO-…` identifiers). */
  readonly prescriptions?: PrescriptionService;
  /** The patients' DMP (default: the test one, which records the deposits). */
  readonly dmp?: DmpDeposit;
}

/** Counts of what the platform holds, for tests and benchmarks. */
export type PlatformStats = SwitchboardStats;

/** A platform that listens. */
export interface RunningPlatform {
  /** The base URL, `http://host:port`. */
  readonly url: string;
  /** The practitioner console's URL, `http://host:port/console/`. */
  readonly consoleUrl: string;
  readonly port: number;
  /** Closes every connection and the server, and forgets every session. */
  stop(): Promise<void>;
  stats(): PlatformStats;
}

/** The largest login request body, in bytes. */
const MAX_LOGIN_BODY_BYTES = 4096;

/** The largest first frame (the hello) of a connection, in bytes: nothing bigger is read before it. */
export const MAX_HELLO_BYTES = 4096;

/** Starts the platform; resolves once it listens. */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? SILENT_LOG;
  const host = options.host ?? '127.0.0.1';
  const helloTimeoutMs = options.helloTimeoutMs ?? 5_000;
  const maxPending = options.maxPendingConnections ?? 64;
  const maxPendingPerAddress = options.maxPendingPerAddress ?? 8;
  /** The connections that have not said a valid hello yet, by address. */
  const pending = new Map<string, number>();
  let pendingTotal = 0;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const cabinLifetimeMs = options.cabinConnectionLifetimeMs ?? 12 * 3_600_000;
  const accounts = new Accounts(
    options.cabins,
    options.practitioners,
    clock,
    options.tokenLifetimeMs ?? 8 * 3_600_000,
  );
  const switchboard = new Switchboard({
    appointments: new Map(
      (options.appointments ?? []).map((a) => [
        a.code.replace(/\s/g, ''),
        { profession: a.profession, specialty: a.specialty ?? null },
      ]),
    ),
    iceServers: options.iceServers ?? [],
    resumeGraceMs: options.resumeGraceMs ?? 60_000,
    sessionTtlMs: options.sessionTtlMs ?? 2 * 3_600_000,
    meanConsultationMinutes: options.meanConsultationMinutes,
    sfu: options.sfu ?? null,
    clock,
    log,
    documents: new DocumentWriter({ prescriptions: options.prescriptions, dmp: options.dmp, clock, log }),
  });
  const throttle = new LoginThrottle(clock, options.loginLimits);
  const support = new SupportApi({
    accounts: options.supportAccounts ?? [],
    throttle: new LoginThrottle(clock, options.loginLimits),
    help: switchboard.help,
    clock,
    log,
    ...(options.tokenLifetimeMs === undefined ? {} : { tokenLifetimeMs: options.tokenLifetimeMs }),
  });
  const consoleFiles =
    options.consoleDirectory === null || options.consoleDirectory === undefined
      ? null
      : new ConsoleFiles(options.consoleDirectory);

  // ------------------------------------------------------------------------------------------- HTTP

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    if (path === '/api/login') {
      if (method !== 'POST') return sendJson(response, 405, { code: 'method.notAllowed' });
      return logIn(request, response);
    }
    if (path === '/api/logout') {
      if (method !== 'POST') return sendJson(response, 405, { code: 'method.notAllowed' });
      return logOut(request, response);
    }
    if (path.startsWith(SUPPORT_API_PREFIX)) return support.handle(path, request, response);
    if (support.servePage(path === '/support' ? '/support/' : path, method, response)) return;
    if (method !== 'GET' && method !== 'HEAD') return sendJson(response, 404, { code: 'notFound' });
    if (path === '/' || (path === '/console' && consoleFiles !== null))
      return redirect(response, '/console/');
    if (consoleFiles !== null && path.startsWith('/console/')) {
      return consoleFiles.serve(path.slice('/console/'.length), method, response);
    }
    return sendJson(response, 404, { code: 'notFound' });
  };

  const logIn = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request, MAX_LOGIN_BODY_BYTES);
    if (body === null) {
      response.setHeader('connection', 'close');
      return sendJson(response, 413, { code: 'login.tooLarge' });
    }
    const parsed = parseFrame(body);
    const login = parsed.ok ? parseLoginRequest(parsed.value) : parsed;
    if (!login.ok) return sendJson(response, 400, { code: 'protocol.invalidMessage' });
    const address = addressOf(request);
    const retryAt = throttle.retryAt(login.value.login, address);
    if (retryAt !== null) {
      log('login.throttled');
      return sendThrottled(response, retryAt, clock.now());
    }
    const reply = accounts.logIn(login.value.login, login.value.password);
    if (reply === null) {
      throttle.failed(login.value.login, address);
      log('login.refused');
      return sendJson(response, 401, { code: 'auth.invalid' });
    }
    throttle.succeeded(login.value.login);
    log('login.accepted', { profession: reply.professional.profession });
    return sendJson(response, 200, reply);
  };

  // The console keeps its token for the tab's life: a logout ends it on the platform too. The answer is
  // the same whether the token was valid or not (it tells nothing about tokens).
  const logOut = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request, MAX_LOGIN_BODY_BYTES);
    if (body === null) {
      response.setHeader('connection', 'close');
      return sendJson(response, 413, { code: 'login.tooLarge' });
    }
    const parsed = parseFrame(body);
    const logout = parsed.ok ? parseLogoutRequest(parsed.value) : parsed;
    if (!logout.ok) return sendJson(response, 400, { code: 'protocol.invalidMessage' });
    accounts.revokeToken(logout.value.token);
    log('logout');
    response.writeHead(204, { ...SECURITY_HEADERS, 'cache-control': 'no-store' });
    response.end();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { code: 'internal' });
      else response.destroy();
    });
  });

  // -------------------------------------------------------------------------------------- WebSocket

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_PLATFORM_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== PLATFORM_SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const address = request.socket.remoteAddress ?? 'unknown';
    if (pendingTotal >= maxPending || (pending.get(address) ?? 0) >= maxPendingPerAddress) {
      log('connection.tooMany');
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    pending.set(address, (pending.get(address) ?? 0) + 1);
    pendingTotal += 1;
    let counted = true;
    const settled = (): void => {
      if (!counted) return;
      counted = false;
      pendingTotal -= 1;
      const left = (pending.get(address) ?? 1) - 1;
      if (left > 0) pending.set(address, left);
      else pending.delete(address);
    };
    socket.once('close', settled);
    sockets.handleUpgrade(request, socket, head, (ws) => accept(ws, settled));
  });

  /** `settled` is called once the connection says a valid hello: it no longer counts as pending. */
  const accept = (ws: WebSocket, settled: () => void): void => {
    let line: CabinLine | PractitionerLine | null = null;
    let refused = false;
    const close = (code: number, reason: string): void => {
      refused = true;
      ws.close(code, reason);
    };
    const expire = (): void => {
      log('connection.expired', { role: line?.role ?? 'unknown' });
      close(PLATFORM_CLOSE_CODES.unauthenticated, 'expired');
    };
    const watch = new ConnectionWatch(
      {
        ping: () => ws.ping(),
        helloMissing: () => close(PLATFORM_CLOSE_CODES.unauthenticated, 'hello expected'),
        silent: () => {
          log('connection.silent', { role: line?.role ?? 'unknown' });
          ws.terminate();
        },
        expired: expire,
      },
      { clock, helloTimeoutMs, heartbeatMs },
    );
    ws.on('pong', () => watch.pong());
    const party = <Out>() => ({
      send: (message: Out): void => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
      },
      close,
    });

    const hello = (frame: string | null): void => {
      watch.helloReceived();
      const parsed = frame === null || frame.length > MAX_HELLO_BYTES ? null : parseFrame(frame);
      const checked = parsed?.ok ? parseHello(parsed.value) : null;
      if (!checked?.ok) {
        log('hello.invalid');
        return close(PLATFORM_CLOSE_CODES.unauthenticated, 'hello expected');
      }
      const message = checked.value;
      if (message.role === 'cabin') {
        if (!accounts.checkCabin(message.cabinId, message.credential)) {
          log('hello.refused', { role: 'cabin' });
          return close(PLATFORM_CLOSE_CODES.unauthenticated, 'unknown cabin or credential');
        }
        const expiresAt = clock.now() + cabinLifetimeMs;
        const cabin: CabinLine = { role: 'cabin', cabinId: message.cabinId, party: party<PlatformToCabin>() };
        line = cabin;
        settled();
        watch.authenticatedUntil(expiresAt);
        cabin.party.send({ type: 'welcome', role: 'cabin', expiresAt });
        return switchboard.connectCabin(cabin);
      }
      const grant = accounts.checkToken(message.token);
      if (grant === null) {
        log('hello.refused', { role: 'practitioner' });
        return close(PLATFORM_CLOSE_CODES.unauthenticated, 'unknown or expired token');
      }
      const expiresAt = grant.expiresAt;
      const practitioner: PractitionerLine = {
        role: 'practitioner',
        login: grant.login,
        professional: grant.professional,
        party: party<PlatformToPractitioner>(),
      };
      line = practitioner;
      settled();
      watch.authenticatedUntil(expiresAt);
      practitioner.party.send({ type: 'welcome', role: 'practitioner', expiresAt });
      switchboard.connectPractitioner(practitioner);
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (refused) return;
      // Before the hello nothing bigger than a hello is even decoded.
      if (line === null) return hello(isBinary || byteLength(data) > MAX_HELLO_BYTES ? null : rawText(data));
      const frame = isBinary ? null : rawText(data);
      if (watch.isExpired()) return expire();
      const parsed = frame === null ? null : parseFrame(frame);
      if (line.role === 'cabin') {
        const message = parsed?.ok ? parseCabinMessage(parsed.value) : parsed;
        if (message?.ok) return switchboard.receiveFromCabin(line, message.value);
        return line.party.send(rejection(message?.error));
      }
      const message = parsed?.ok ? parsePractitionerMessage(parsed.value) : parsed;
      if (message?.ok) return switchboard.receiveFromPractitioner(line, message.value);
      return line.party.send(rejection(message?.error));
    });
    ws.on('close', () => {
      watch.stop();
      if (line !== null) switchboard.disconnect(line);
    });
    ws.on('error', () => undefined);
  };

  // ------------------------------------------------------------------------------------------ start

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${port}`;
  log('platform.listening', { port, media: options.sfu ? options.sfu.name : 'direct' });

  let stopping: Promise<void> | null = null;
  return {
    url,
    consoleUrl: `${url}/console/`,
    port,
    stats: () => switchboard.stats(),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        switchboard.stop();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

/** The answer to a malformed message (a binary frame when there is no violation to name). */
function rejection(violation: ProtocolViolation | undefined): Rejected {
  return {
    type: 'rejected',
    requestId: violation?.requestId ?? null,
    code: 'protocol.invalidMessage',
    detail: violation?.detail ?? 'binary',
  };
}

/** The host part of the platform's URL: a wildcard address is reached on the loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { ...SECURITY_HEADERS, location, 'content-length': 0 });
  response.end();
}
