// A cabin or a practitioner console as the platform's tests play it: one real WebSocket, every message
// the platform sends checked against the contract's validators, replies matched by requestId, pushes kept
// in order so that a test can wait for the next one of a type. Used by the tests of platform/server.
import WebSocket from 'ws';
import { PLATFORM_SOCKET_PATH } from '../../../contract/platform-protocol';
import { parsePlatformToCabin, parsePlatformToPractitioner } from '../../../contract/validate-platform';

/** A message as the platform sent it (validated, then looked at loosely by the tests). */
export type WireMessage = Record<string, unknown> & { readonly type: string };

/** How long a test waits for a message before failing. */
const WAIT_MS = 5_000;

/** The platform's WebSocket URL for its base URL. */
export function socketUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}${PLATFORM_SOCKET_PATH}`;
}

/**
 * Opens a bare socket and answers the close code the platform ends it with, after sending `frames`
 * (and calling `opened`, where a test moves the platform's clock: the platform watches the socket then).
 */
export function closeCodeAfter(
  baseUrl: string,
  frames: readonly (string | Buffer)[],
  opened: () => void = () => undefined,
): Promise<number> {
  const socket = new WebSocket(socketUrl(baseUrl));
  socket.on('open', () => {
    for (const frame of frames) socket.send(frame);
    opened();
  });
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.on('close', (code) => resolve(code)));
}

/** Logs a practitioner in: the HTTP status and the JSON body. */
export async function postLogin(baseUrl: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Logs a practitioner in and answers the token (throws when refused). */
export async function tokenFor(baseUrl: string, login: string, password: string): Promise<string> {
  const answer = await postLogin(baseUrl, { login, password });
  if (answer.status !== 200) throw new Error(`login refused (${answer.status})`);
  return (answer.body as { token: string }).token;
}

/** One authenticated test connection. */
export class TestPeer {
  /** Every push, in arrival order (replies and answered rejections are not pushes). */
  readonly pushes: WireMessage[] = [];
  /** Messages of the platform that the contract's validator refused (should stay empty). */
  readonly violations: string[] = [];
  /** The welcome message. */
  welcome: WireMessage | null = null;
  /** Resolves with the close code once the socket closed. */
  readonly closed: Promise<number>;
  readonly #socket: WebSocket;
  readonly #role: 'cabin' | 'practitioner';
  readonly #pending = new Map<number, (message: WireMessage) => void>();
  readonly #taken = new Set<WireMessage>();
  readonly #waiters = new Set<() => void>();
  #nextRequestId = 1;

  private constructor(socket: WebSocket, role: 'cabin' | 'practitioner') {
    this.#socket = socket;
    this.#role = role;
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('error', () => undefined);
    socket.on('message', (data: Buffer) => this.#receive(data.toString('utf8')));
  }

  /** Connects as a cabin; resolves once welcomed, rejects with the close code if refused. */
  static cabin(baseUrl: string, cabinId: string, credential: string): Promise<TestPeer> {
    return TestPeer.#connect(baseUrl, 'cabin', { type: 'hello', role: 'cabin', cabinId, credential });
  }

  /** Connects as a practitioner console with a token; resolves once welcomed. */
  static practitioner(baseUrl: string, token: string): Promise<TestPeer> {
    return TestPeer.#connect(baseUrl, 'practitioner', { type: 'hello', role: 'practitioner', token });
  }

  static #connect(baseUrl: string, role: 'cabin' | 'practitioner', hello: object): Promise<TestPeer> {
    const socket = new WebSocket(socketUrl(baseUrl));
    const peer = new TestPeer(socket, role);
    socket.on('open', () => socket.send(JSON.stringify(hello)));
    return new Promise((resolve, reject) => {
      void peer.closed.then((code) => reject(new Error(`closed before welcome: ${code}`)));
      void peer.#waitFor(() => peer.welcome !== null, 'welcome').then(() => resolve(peer), reject);
    });
  }

  /** Sends a request (its requestId is added) and answers the platform's `reply` or `rejected`. */
  request(body: Record<string, unknown>): Promise<WireMessage> {
    const requestId = this.#nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${String(body.type)}`)), WAIT_MS);
      this.#pending.set(requestId, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      this.#socket.send(JSON.stringify({ ...body, requestId }));
    });
  }

  /** Sends a request and answers its value; throws when the platform answered anything but success. */
  async value(body: Record<string, unknown>): Promise<unknown> {
    const answer = await this.request(body);
    const result = answer.result as { ok: boolean; value?: unknown } | undefined;
    if (answer.type !== 'reply' || result?.ok !== true) {
      throw new Error(`${String(body.type)} failed: ${JSON.stringify(answer)}`);
    }
    return result.value;
  }

  /** Sends anything as it is: a notice, or deliberately malformed input. */
  send(message: unknown): void {
    this.#socket.send(
      typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message),
    );
  }

  /** Resolves with the first push of `type` (and matching `fields`) not taken yet, and takes it. */
  async next(type: string, fields: Record<string, unknown> = {}): Promise<WireMessage> {
    const matches = (message: WireMessage): boolean =>
      message.type === type &&
      !this.#taken.has(message) &&
      Object.entries(fields).every(([key, value]) => message[key] === value);
    let found: WireMessage | undefined;
    await this.#waitFor(
      () => {
        found = this.pushes.find(matches);
        return found !== undefined;
      },
      `${type} ${JSON.stringify(fields)}`,
    );
    this.#taken.add(found as WireMessage);
    return found as WireMessage;
  }

  /** The pushes of `type` received so far (taken or not). */
  seen(type: string): WireMessage[] {
    return this.pushes.filter((message) => message.type === type);
  }

  /** Closes the connection normally. */
  close(): void {
    this.#socket.close(1000);
  }

  /** Cuts the connection without a closing handshake, like a network that drops. */
  drop(): void {
    this.#socket.terminate();
  }

  #receive(frame: string): void {
    const message = JSON.parse(frame) as WireMessage;
    const checked =
      this.#role === 'cabin' ? parsePlatformToCabin(message) : parsePlatformToPractitioner(message);
    if (!checked.ok) this.violations.push(`${message.type}: ${checked.error.detail}`);
    if (message.type === 'welcome') this.welcome = message;
    else if (
      (message.type === 'reply' || message.type === 'rejected') &&
      typeof message.requestId === 'number'
    ) {
      const answer = this.#pending.get(message.requestId);
      this.#pending.delete(message.requestId);
      if (answer) answer(message);
      else this.pushes.push(message);
    } else {
      this.pushes.push(message);
    }
    for (const wake of this.#waiters) wake();
  }

  #waitFor(condition: () => boolean, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`not received: ${what}`));
      }, WAIT_MS);
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }
}
