// A text socket a test opens, feeds and closes by hand, playing the other end of a SocketClient.
import type { OpenTextSocket, TextSocket, TextSocketListener } from '../../contract/socket-client';

/** One fake socket: what the client writes to, and the other end's gestures for the test. */
export class FakeTextSocket implements TextSocket {
  /** Every frame the client sent, in order. */
  readonly frames: string[] = [];
  /** The code the client closed with, or null while it has not. */
  closedWith: number | null = null;
  /** When true, `send` throws as a socket that cannot take a frame does. */
  refuseSends = false;

  constructor(private readonly listener: TextSocketListener) {}

  send(text: string): void {
    if (this.refuseSends) throw new Error('socket not open');
    this.frames.push(text);
  }

  close(code = 1000): void {
    this.closedWith = code;
  }

  /** The connection opens. */
  open(): void {
    this.listener.opened();
  }

  /** The other end sends one message, JSON-encoded. */
  push(message: unknown): void {
    this.listener.received(JSON.stringify(message));
  }

  /** The other end sends one raw frame (text or not). */
  pushRaw(data: unknown): void {
    this.listener.received(data);
  }

  /** The other end or the network closes the connection. */
  drop(code = 1006): void {
    this.listener.closed(code);
  }

  /** Every message the client sent, parsed. */
  sent(): Record<string, unknown>[] {
    return this.frames.map((frame) => JSON.parse(frame) as Record<string, unknown>);
  }
}

/** Opens FakeTextSockets and keeps them, newest last. */
export class FakeTextSocketOpener {
  readonly sockets: FakeTextSocket[] = [];

  /** The opener to give the client. */
  readonly open: OpenTextSocket = (listener) => {
    const socket = new FakeTextSocket(listener);
    this.sockets.push(socket);
    return socket;
  };

  /** The newest socket, or throws when none was opened. */
  get latest(): FakeTextSocket {
    const socket = this.sockets.at(-1);
    if (socket === undefined) throw new Error('no socket opened');
    return socket;
  }
}
