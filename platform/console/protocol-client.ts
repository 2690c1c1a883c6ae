// The console's side of the platform protocol over one WebSocket: says hello with the practitioner's
// token, waits for `welcome`, matches each `reply` (or `rejected`) to its request by requestId and hands
// every valid push to the caller. Every frame is checked with the contract's validator; a frame that
// does not fit is dropped and the connection goes on.
import type {
  PractitionerMessage,
  PractitionerPush,
  PractitionerRequest,
  Welcome,
} from '../../contract/platform-protocol';
import type { CabinError, Result } from '../../contract/result';
import { parseFrame, parsePlatformToPractitioner } from '../../contract/validate-platform';

/** The part of the browser's WebSocket the client uses, so tests can pass a fake with the same interface. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket to a URL; the browser's is `(url) => new WebSocket(url)`. */
export type OpenSocket = (url: string) => SocketLike;

/** A practitioner request as the caller writes it: the client adds the requestId. */
export type PractitionerRequestBody = PractitionerRequest extends infer R
  ? R extends { readonly requestId: number }
    ? Omit<R, 'requestId'>
    : never
  : never;

/** A message the console sends that expects no answer (`signal`, `media.reception`). */
export type PractitionerNotice = Exclude<PractitionerMessage, PractitionerRequest>;

/** The answer of a request the socket cannot carry (not open, not welcomed yet, or closed meanwhile). */
export const SOCKET_UNAVAILABLE: Result<never, CabinError> = {
  ok: false,
  error: { code: 'transport.unavailable' },
};

/** What the client reports to its owner. */
export interface ProtocolClientEvents {
  /** The platform accepted the token. */
  onWelcome(welcome: Welcome): void;
  /** A valid push arrived. */
  onPush(push: PractitionerPush): void;
  /** The socket closed by itself (not through `close()`), with the WebSocket close code. */
  onClose(code: number): void;
}

/** Options of one connection. */
export interface ProtocolClientOptions {
  readonly url: string;
  readonly token: string;
  readonly openSocket: OpenSocket;
  readonly events: ProtocolClientEvents;
  /** How long a request waits for its reply before it is answered `transport.timeout`. */
  readonly replyTimeoutMs?: number;
}

const SOCKET_OPEN = 1;
const DEFAULT_REPLY_TIMEOUT_MS = 20_000;

/** One authenticated WebSocket connection of the practitioner console to the platform. */
export class PractitionerProtocolClient {
  readonly #socket: SocketLike;
  readonly #events: ProtocolClientEvents;
  readonly #replyTimeoutMs: number;
  readonly #pending = new Map<number, (result: Result<unknown, CabinError>) => void>();
  #nextRequestId = 1;
  #welcomed = false;
  #closed = false;

  /** Opens the socket at once; the hello goes out when it opens. */
  constructor(options: ProtocolClientOptions) {
    this.#events = options.events;
    this.#replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
    const socket = options.openSocket(options.url);
    this.#socket = socket;
    socket.onopen = () => {
      if (this.#closed) return;
      socket.send(JSON.stringify({ type: 'hello', role: 'practitioner', token: options.token }));
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onerror = () => undefined; // A close event always follows; it carries the code.
    socket.onclose = (event) => {
      if (this.#closed) return;
      this.#closed = true;
      this.#failPending();
      this.#events.onClose(event.code);
    };
  }

  /** True once the platform welcomed the token and until the socket closes. */
  get ready(): boolean {
    return this.#welcomed && !this.#closed;
  }

  /** Sends a request and answers the platform's result (a `rejected` becomes an error with its code). */
  request(body: PractitionerRequestBody): Promise<Result<unknown, CabinError>> {
    if (!this.ready || this.#socket.readyState !== SOCKET_OPEN) return Promise.resolve(SOCKET_UNAVAILABLE);
    const requestId = this.#nextRequestId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.#pending.delete(requestId)) resolve({ ok: false, error: { code: 'transport.timeout' } });
      }, this.#replyTimeoutMs);
      this.#pending.set(requestId, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      try {
        this.#socket.send(JSON.stringify({ ...body, requestId }));
      } catch {
        this.#pending.delete(requestId);
        clearTimeout(timer);
        resolve(SOCKET_UNAVAILABLE);
      }
    });
  }

  /** Sends a notice; answers false when the socket cannot carry it now (it is not queued). */
  notify(notice: PractitionerNotice): boolean {
    if (!this.ready || this.#socket.readyState !== SOCKET_OPEN) return false;
    try {
      this.#socket.send(JSON.stringify(notice));
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the connection for good; pending requests answer `transport.unavailable`, no onClose follows. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#failPending();
    try {
      this.#socket.close(1000);
    } catch {
      // Closing a socket that never opened may throw in some browsers; it is gone either way.
    }
  }

  #receive(data: unknown): void {
    if (this.#closed || typeof data !== 'string') return;
    const frame = parseFrame(data);
    if (!frame.ok) return;
    const parsed = parsePlatformToPractitioner(frame.value);
    if (!parsed.ok) return; // Malformed: dropped; the message may hold patient data, so nothing is logged.
    const message = parsed.value;
    switch (message.type) {
      case 'welcome':
        if (message.role !== 'practitioner' || this.#welcomed) return;
        this.#welcomed = true;
        this.#events.onWelcome(message);
        return;
      case 'reply':
        this.#settle(message.requestId, message.result);
        return;
      case 'rejected':
        if (message.requestId !== null) {
          this.#settle(message.requestId, {
            ok: false,
            error: { code: message.code, detail: message.detail },
          });
        }
        return;
      default:
        if (this.#welcomed) this.#events.onPush(message);
    }
  }

  #settle(requestId: number, result: Result<unknown, CabinError>): void {
    const resolve = this.#pending.get(requestId);
    this.#pending.delete(requestId);
    resolve?.(result);
  }

  #failPending(): void {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const resolve of waiting) resolve(SOCKET_UNAVAILABLE);
  }
}
