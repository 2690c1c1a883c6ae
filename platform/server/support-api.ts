// The operator's support over HTTP: a support account logs in (`POST /api/support/login`), reads the
// help calls of every cabin (`GET /api/support/help-calls`, bearer token) and answers one
// (`POST /api/support/help-calls/answer` with `{cabinId, sessionId}`), which the cabin's banner then
// shows. Cabin and session ids, states and times only: no patient data is on this list. Bodies are
// bounded, passwords compared as digests in constant time, tokens kept as digests and expiring.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../contract/clock';
import { isRecord } from '../../contract/schema';
import { SECURITY_HEADERS } from './console-files';
import { addressOf, readBody, sendJson, sendThrottled } from './http-replies';
import type { LoginThrottle } from './login-throttle';
import type { HelpCalls } from './help-desk';
import type { PlatformLog } from './platform-log';
import { SUPPORT_PAGE_FILES } from './support-page';

/** An account of the operator's support service. */
export interface SupportAccount {
  readonly login: string;
  readonly password: string;
}

/** What the support API works with. */
export interface SupportApiOptions {
  readonly accounts: readonly SupportAccount[];
  readonly help: HelpCalls;
  /** The support login's failed-attempt limits. */
  readonly throttle: LoginThrottle;
  readonly clock: Pick<Clock, 'now'>;
  readonly log: PlatformLog;
  /** How long a support token is valid (default 8 h). */
  readonly tokenLifetimeMs?: number;
}

/** The path prefix of the support API. */
export const SUPPORT_API_PREFIX = '/api/support/';

const MAX_BODY_BYTES = 4096;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** The support API: `handle` answers a request under SUPPORT_API_PREFIX. */
export class SupportApi {
  readonly #passwords = new Map<string, Buffer>();
  readonly #tokens = new Map<string, number>();
  readonly #decoy = digest(randomBytes(32).toString('hex'));

  /** The API for `options.accounts`. */
  constructor(private readonly options: SupportApiOptions) {
    for (const account of options.accounts) this.#passwords.set(account.login, digest(account.password));
  }

  /** Serves the support page's file at `path` (GET or HEAD); answers false when `path` is none of them. */
  servePage(path: string, method: string, response: ServerResponse): boolean {
    const file = Object.hasOwn(SUPPORT_PAGE_FILES, path) ? SUPPORT_PAGE_FILES[path] : undefined;
    if (file === undefined || (method !== 'GET' && method !== 'HEAD')) return false;
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.type,
      'content-length': Buffer.byteLength(file.body),
      'cache-control': 'no-cache',
    });
    response.end(method === 'HEAD' ? undefined : file.body);
    return true;
  }

  /** Answers one request whose path starts with SUPPORT_API_PREFIX. */
  async handle(path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    if (path === '/api/support/help-calls' && method === 'GET') {
      if (!this.#authorized(request)) return sendJson(response, 401, { code: 'auth.invalid' });
      return sendJson(response, 200, { calls: this.options.help.desk.list() });
    }
    if (method !== 'POST') return sendJson(response, 404, { code: 'notFound' });
    if (path !== '/api/support/login' && path !== '/api/support/help-calls/answer') {
      return sendJson(response, 404, { code: 'notFound' });
    }
    const body = await readJson(request);
    if (body === 'tooLarge') {
      response.setHeader('connection', 'close');
      return sendJson(response, 413, { code: 'request.tooLarge' });
    }
    if (!isRecord(body)) return sendJson(response, 400, { code: 'protocol.invalidMessage' });
    if (path === '/api/support/login') return this.#logIn(body, addressOf(request), response);
    if (!this.#authorized(request)) return sendJson(response, 401, { code: 'auth.invalid' });
    const { cabinId, sessionId } = body;
    if (
      typeof cabinId !== 'string' ||
      !ID.test(cabinId) ||
      typeof sessionId !== 'string' ||
      !ID.test(sessionId)
    ) {
      return sendJson(response, 400, { code: 'protocol.invalidMessage' });
    }
    const answered = this.options.help.answerAsSupport(cabinId, sessionId);
    if (answered === null) return sendJson(response, 404, { code: 'help.notWaiting' });
    return sendJson(response, 200, { call: answered });
  }

  #logIn(body: Record<string, unknown>, address: string, response: ServerResponse): void {
    const { login, password } = body;
    if (
      typeof login !== 'string' ||
      typeof password !== 'string' ||
      login.length > 64 ||
      password.length > 200
    ) {
      return sendJson(response, 400, { code: 'protocol.invalidMessage' });
    }
    const now = this.options.clock.now();
    const retryAt = this.options.throttle.retryAt(login, address);
    if (retryAt !== null) {
      this.options.log('support.loginThrottled');
      return sendThrottled(response, retryAt, now);
    }
    const expected = this.#passwords.get(login);
    const matches = timingSafeEqual(expected ?? this.#decoy, digest(password));
    if (expected === undefined || !matches) {
      this.options.throttle.failed(login, address);
      this.options.log('support.loginRefused');
      return sendJson(response, 401, { code: 'auth.invalid' });
    }
    this.options.throttle.succeeded(login);
    for (const [key, until] of this.#tokens) if (until <= now) this.#tokens.delete(key);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + (this.options.tokenLifetimeMs ?? 8 * 3_600_000);
    this.#tokens.set(digest(token).toString('hex'), expiresAt);
    this.options.log('support.loggedIn');
    sendJson(response, 200, { token, expiresAt });
  }

  #authorized(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) return false;
    const until = this.#tokens.get(digest(header.slice('Bearer '.length)).toString('hex'));
    return until !== undefined && until > this.options.clock.now();
  }
}

// The body as JSON; 'tooLarge' over the limit, null when it is not JSON.
async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request, MAX_BODY_BYTES);
  if (text === null) return 'tooLarge';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
