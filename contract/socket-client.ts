// The one request/reply client over a WebSocket, for the renderer (to the controller), the practitioner
// console and the cabin (to the platform). It numbers each request, settles it with the one reply that
// carries its id, answers a failure value when no reply comes in time or the connection closes, and hands
// every other valid message to its owner. Pure code: the socket comes in through `TextSocket` (a browser
// WebSocket or the `ws` package's, through `webSocketOpener`) and time through a `Clock`.
import { after, type Cancel, type Clock } from './clock';
import { err, ok, type CabinError, type Result } from './result';

/** The socket as the client writes to it. */
export interface TextSocket {
  /** Sends one text frame; may throw when the socket cannot take it (the client answers a failure). */
  send(text: string): void;
  /** Closes the socket (1000 unless told otherwise). */
  close(code?: number): void;
}

/** What a socket tells its client: `opened` once, then `received` for each frame, then `closed` once. */
export interface TextSocketListener {
  opened(): void;
  /** A frame: a string for a text frame, anything else for a binary one (which the client refuses). */
  received(data: unknown): void;
  /** The connection closed, with the WebSocket close code (1006 when the socket gave none). */
  closed(code: number): void;
}

/** Opens one socket whose events go to `listener`; may throw when the socket cannot be created. */
export type OpenTextSocket = (listener: TextSocketListener) => TextSocket;

/**
 * The part of a WebSocket that `webSocketOpener` uses. Both the browser's `WebSocket` and the `ws`
 * package's have these handler properties; they are typed `unknown` here because contract declares no
 * DOM or Node types (the adapter sets them to functions reading `data` and `code` of the event).
 */
export interface WebSocketLike {
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;
  send(data: string): void;
  close(code?: number): void;
}

/** Adapts a WebSocket (browser or `ws`) built by `create` into an `OpenTextSocket`. */
export function webSocketOpener(create: () => WebSocketLike): OpenTextSocket {
  return (listener) => {
    const socket = create();
    socket.onopen = () => listener.opened();
    socket.onmessage = (event: { readonly data?: unknown }) => listener.received(event.data);
    socket.onclose = (event: { readonly code?: number }) => listener.closed(event.code ?? 1006);
    socket.onerror = () => undefined; // A close event always follows an error; it carries the code.
    return {
      send: (text) => socket.send(text),
      close: (code) => socket.close(code),
    };
  };
}

/** The request a reply answers, and its result. */
export interface ReplyTo {
  readonly id: number;
  readonly result: Result<unknown, CabinError>;
}

/** How one protocol writes a request with its id and reads what comes back (JSON frames both ways). */
export interface ReplyWire<Request, Incoming> {
  /** The message that carries `request` under `id`. */
  withId(request: Request, id: number): unknown;
  /** Checks one parsed message; a refusal is the path of the bad field, never a value. */
  check(message: unknown): Result<Incoming, string>;
  /** The request `message` answers, or null when it is a push. */
  replyTo(message: Incoming): ReplyTo | null;
}

/** What the client tells its owner; a close through `close()` is not reported. */
export interface SocketClientEvents<Incoming> {
  opened?(): void;
  /** A valid message that answers no request. */
  pushed?(message: Incoming): void;
  /** A frame that is not JSON, is binary, or does not fit the protocol: dropped, the connection goes on. */
  malformed?(detail: string): void;
  /** The other side or the network closed the connection. */
  closed?(code: number): void;
}

/** How a client is set up. */
export interface SocketClientOptions<Request, Incoming> {
  readonly open: OpenTextSocket;
  readonly wire: ReplyWire<Request, Incoming>;
  readonly clock: Clock;
  /** How long a request waits for its reply before it is answered `timeoutError`. */
  readonly replyTimeoutMs: number;
  /** The answer of a request whose reply did not come in time (default `transport.timeout`). */
  readonly timeoutError?: CabinError;
  /** The answer of a request the connection cannot carry or that it dropped (default `transport.unavailable`). */
  readonly unavailableError?: CabinError;
  readonly events?: SocketClientEvents<Incoming>;
}

/** The failure values a request answers unless the client is told others. */
export const SOCKET_ERRORS = {
  /** The connection is not open, cannot take the request, or closed before the reply. */
  unavailable: { code: 'transport.unavailable' },
  /** No reply came in time. */
  timeout: { code: 'transport.timeout' },
} as const satisfies Record<string, CabinError>;

interface Pending {
  readonly settle: (result: Result<unknown, CabinError>) => void;
  readonly cancelTimeout: Cancel;
}

/** One connection: opened at construction, closed once (by the other side or by `close`), never reopened. */
export class SocketClient<Request, Incoming> {
  readonly #options: SocketClientOptions<Request, Incoming>;
  readonly #socket: TextSocket;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #state: 'connecting' | 'open' | 'closed' = 'connecting';

  /** Opens the socket at once (and throws what `open` throws). */
  constructor(options: SocketClientOptions<Request, Incoming>) {
    this.#options = options;
    this.#socket = options.open({
      opened: () => {
        if (this.#state !== 'connecting') return;
        this.#state = 'open';
        this.#options.events?.opened?.();
      },
      received: (data) => this.#receive(data),
      closed: (code) => {
        if (this.#state === 'closed') return;
        this.#state = 'closed';
        this.#failPending();
        this.#options.events?.closed?.(code);
      },
    });
  }

  /** True from the socket's opening until it closes. */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** How many requests wait for their reply. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Sends a request; answers its reply's result, or a failure value (unavailable, timeout). */
  request(request: Request): Promise<Result<unknown, CabinError>> {
    if (this.#state !== 'open') return Promise.resolve(err(this.#unavailable()));
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const cancelTimeout = after(this.#options.clock, this.#options.replyTimeoutMs, () => {
        if (this.#pending.delete(id)) resolve(err(this.#options.timeoutError ?? SOCKET_ERRORS.timeout));
      });
      this.#pending.set(id, { settle: resolve, cancelTimeout });
      if (!this.#write(this.#options.wire.withId(request, id))) {
        this.#settle(id, err(this.#unavailable()));
      }
    });
  }

  /** Sends a message that expects no reply (a hello, a notice); answers false when it could not go. */
  send(message: unknown): boolean {
    return this.#state === 'open' && this.#write(message);
  }

  /** Closes the connection for good: pending requests answer unavailable, no `closed` event follows. */
  close(code = 1000): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#failPending();
    try {
      this.#socket.close(code);
    } catch {
      // A socket that never opened may refuse to close in some browsers; it is gone either way.
    }
  }

  #write(message: unknown): boolean {
    try {
      this.#socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  #receive(data: unknown): void {
    if (this.#state === 'closed') return;
    const events = this.#options.events;
    const message = typeof data === 'string' ? parseJson(data) : err('binary');
    const checked = message.ok ? this.#options.wire.check(message.value) : message;
    if (!checked.ok) {
      events?.malformed?.(checked.error);
      return;
    }
    const reply = this.#options.wire.replyTo(checked.value);
    if (reply === null) events?.pushed?.(checked.value);
    else this.#settle(reply.id, reply.result);
  }

  /** Answers the request `id` if it still waits (a late reply after a timeout is dropped). */
  #settle(id: number, result: Result<unknown, CabinError>): void {
    const pending = this.#pending.get(id);
    if (pending === undefined) return;
    this.#pending.delete(id);
    pending.cancelTimeout();
    pending.settle(result);
  }

  #failPending(): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id, err(this.#unavailable()));
  }

  #unavailable(): CabinError {
    return this.#options.unavailableError ?? SOCKET_ERRORS.unavailable;
  }
}

function parseJson(frame: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(frame) as unknown);
  } catch {
    return err('json');
  }
}
