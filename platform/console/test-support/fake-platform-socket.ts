// A WebSocket double for the console's tests, with the browser WebSocket's interface: a test plays the
// platform through it (opens it, pushes frames, closes it with a code) and reads what the console sent.
import type { WebSocketLike } from '../../../contract/socket-client';

/** One fake socket: what the console sees as a WebSocket, what the test drives as the platform. */
export class FakeWebSocket implements WebSocketLike {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readyState = FakeWebSocket.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  /** Every frame the console sent, in order. */
  readonly sentFrames: string[] = [];
  /** The code the console closed with, or null while it has not. */
  closedByClientWith: number | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error('InvalidStateError: socket not open');
    this.sentFrames.push(data);
  }

  close(code = 1000): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.closedByClientWith = code;
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.(new CloseEvent('close', { code, wasClean: true }));
  }

  // ------------------------------------------------------------------ the platform's side, for tests

  /** The connection opens. */
  acceptConnection(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.(new Event('open'));
  }

  /** The platform sends one message (any value, JSON-encoded). */
  push(message: unknown): void {
    this.pushFrame(JSON.stringify(message));
  }

  /** The platform sends one raw text frame. */
  pushFrame(frame: string): void {
    this.onmessage?.(new MessageEvent('message', { data: frame }));
  }

  /** The platform (or the network) closes the connection with a code. */
  closeFromServer(code: number): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.(new CloseEvent('close', { code, wasClean: code !== 1006 }));
  }

  /** Every message the console sent, parsed. */
  sent(): Record<string, unknown>[] {
    return this.sentFrames.map((frame) => JSON.parse(frame) as Record<string, unknown>);
  }

  /** The last message of a type the console sent, or undefined. */
  lastSent(type: string): Record<string, unknown> | undefined {
    return this.sent().findLast((message) => message.type === type);
  }

  /** Answers the console's last request of `type` with a successful reply carrying `value`. */
  replyTo(type: string, value: unknown): void {
    this.push({ type: 'reply', requestId: this.requestIdOf(type), result: { ok: true, value } });
  }

  /** Answers the console's last request of `type` with an error reply carrying `code`. */
  failTo(type: string, code: string): void {
    this.push({ type: 'reply', requestId: this.requestIdOf(type), result: { ok: false, error: { code } } });
  }

  private requestIdOf(type: string): number {
    const request = this.lastSent(type);
    if (request === undefined || typeof request.requestId !== 'number')
      throw new Error(`the console sent no ${type} request`);
    return request.requestId;
  }
}

/** Opens FakeWebSockets and keeps them, newest last, for the test to drive. */
export class FakeSocketOpener {
  readonly sockets: FakeWebSocket[] = [];

  /** The socket builder to give the console. */
  readonly open = (url: string): FakeWebSocket => {
    const socket = new FakeWebSocket(url);
    this.sockets.push(socket);
    return socket;
  };

  /** The newest socket, or throws when none was opened. */
  get latest(): FakeWebSocket {
    const socket = this.sockets.at(-1);
    if (socket === undefined) throw new Error('no socket opened');
    return socket;
  }
}
