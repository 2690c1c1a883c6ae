// A socket a test drives by hand as the other end (the platform, the controller): it opens the
// connection, pushes frames, answers requests, closes it with a code, and reads what the client sent. It
// has the handler properties of a browser WebSocket, so that a client reaches it as it reaches a real one:
// the console through its `openSocket`, the contract's SocketClient through `webSocketOpener`.
import { webSocketOpener, type OpenTextSocket, type WebSocketLike } from '../../contract/socket-client';
import { newest } from './newest';

type Handler = ((event: { readonly data?: unknown; readonly code?: number }) => void) | null;

/** One fake socket: what the client sees as a WebSocket, what the test drives as the other end. */
export class FakeTextSocket implements WebSocketLike {
  onopen: unknown = null;
  onmessage: unknown = null;
  onclose: unknown = null;
  onerror: unknown = null;
  /** Every frame the client sent, in order. */
  readonly frames: string[] = [];
  /** The code the client closed with, or null while it has not. */
  closedWith: number | null = null;
  /** When true, `send` throws as a socket that cannot take a frame does. */
  refuseSends = false;
  #state: 'connecting' | 'open' | 'closed' = 'connecting';

  constructor(readonly url: string) {}

  /** Takes one frame of the client; throws, as a WebSocket does, unless the connection is open. */
  send(text: string): void {
    if (this.#state !== 'open' || this.refuseSends) throw new Error('InvalidStateError: socket not open');
    this.frames.push(text);
  }

  /** The client closes the connection: its close event follows, as a WebSocket's does. */
  close(code = 1000): void {
    if (this.#state === 'closed') return;
    this.closedWith = code;
    this.#state = 'closed';
    this.#fire(this.onclose, { code });
  }

  // ------------------------------------------------------------------ the other end, for tests

  /** The connection opens. */
  open(): void {
    this.#state = 'open';
    this.#fire(this.onopen, {});
  }

  /** The other end sends one message (any value, JSON-encoded). */
  push(message: unknown): void {
    this.pushRaw(JSON.stringify(message));
  }

  /** The other end sends one raw frame (text or not). */
  pushRaw(data: unknown): void {
    this.#fire(this.onmessage, { data });
  }

  /** The other end or the network closes the connection with a code (1006: the network is gone). */
  drop(code = 1006): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#fire(this.onclose, { code });
  }

  /** Every message the client sent, parsed. */
  sent(): Record<string, unknown>[] {
    return this.frames.map((frame) => JSON.parse(frame) as Record<string, unknown>);
  }

  /** The last message of a type the client sent, or undefined. */
  lastSent(type: string): Record<string, unknown> | undefined {
    return this.sent().findLast((message) => message.type === type);
  }

  /** Answers the client's last request of `type` with a successful reply carrying `value`. */
  replyTo(type: string, value: unknown): void {
    this.push({ type: 'reply', requestId: this.#requestIdOf(type), result: { ok: true, value } });
  }

  /** Answers the client's last request of `type` with an error reply carrying `code` (and `detail`). */
  failTo(type: string, code: string, detail?: string): void {
    const error = detail === undefined ? { code } : { code, detail };
    this.push({ type: 'reply', requestId: this.#requestIdOf(type), result: { ok: false, error } });
  }

  #requestIdOf(type: string): number {
    const request = this.lastSent(type);
    if (request === undefined || typeof request.requestId !== 'number')
      throw new Error(`the client sent no ${type} request`);
    return request.requestId;
  }

  #fire(handler: unknown, event: { readonly data?: unknown; readonly code?: number }): void {
    (handler as Handler)?.(event);
  }
}

/** Opens FakeTextSockets and keeps them, newest last. */
export class FakeTextSocketOpener {
  readonly sockets: FakeTextSocket[] = [];

  /** The WebSocket builder to give a client that opens its own (the console's `openSocket`). */
  readonly openSocket = (url: string): FakeTextSocket => {
    const socket = new FakeTextSocket(url);
    this.sockets.push(socket);
    return socket;
  };

  /** The opener to give the contract's SocketClient: a fake socket through the real WebSocket adapter. */
  readonly open: OpenTextSocket = webSocketOpener(() => this.openSocket('ws://fake.test/'));

  /** The newest socket, or throws when none was opened. */
  get latest(): FakeTextSocket {
    return newest(this.sockets, 'socket opened');
  }
}
