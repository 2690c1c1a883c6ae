// A TCP connection as a ByteLink (a payment terminal on the shop's network is a TCP server), and a small
// listener that hands each accepted connection over as a ByteLink (the terminal simulators' side).
// The connection's time limit runs on the given Clock, never on the socket's own timers.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, err, ok, type Clock, type Result } from '../../contract';
import type { ByteLink } from '../byte-link';
import { LinkEndBase } from '../link-end-base';

/** One TCP connection, either end; the peer closing or an error ends it `unplugged`. */
class TcpLink extends LinkEndBase {
  readonly name: string;

  constructor(private readonly socket: Socket) {
    super();
    this.name = `tcp:${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.emit(new Uint8Array(chunk)));
    socket.on('error', () => this.markEnded('unplugged')?.());
    socket.on('close', () => this.markEnded('unplugged')?.());
  }

  write(bytes: Uint8Array): Promise<Result<void>> {
    if (this.ended !== undefined || this.socket.destroyed)
      return Promise.resolve(err({ code: 'link.closed' }));
    return new Promise((resolve) => {
      this.socket.write(bytes, (error) =>
        resolve(
          error
            ? err({ code: 'link.writeFailed', detail: (error as NodeJS.ErrnoException).code })
            : ok(undefined),
        ),
      );
    });
  }

  close(): Promise<void> {
    const tell = this.markEnded('closed');
    if (this.socket.destroyed) {
      tell?.();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.socket.once('close', () => {
        tell?.();
        resolve();
      });
      this.socket.destroy();
    });
  }
}

/** Where a TCP server listens. */
export interface TcpAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Connects to `address`; answers the link, or `link.refused` (nothing listens), `link.connectTimeout`
 * (no answer within `timeoutMs` on `clock`) or `link.openFailed` (no route, unknown host…).
 */
export function openTcpLink(address: TcpAddress, clock: Clock, timeoutMs: number): Promise<Result<ByteLink>> {
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port });
    const cancel = after(clock, timeoutMs, () => {
      socket.destroy();
      resolve(err({ code: 'link.connectTimeout' }));
    });
    const onError = (error: NodeJS.ErrnoException): void => {
      cancel();
      resolve(
        err({ code: error.code === 'ECONNREFUSED' ? 'link.refused' : 'link.openFailed', detail: error.code }),
      );
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      cancel();
      socket.off('error', onError);
      resolve(ok(new TcpLink(socket)));
    });
  });
}

/** A listening TCP server whose connections are ByteLinks. */
export interface TcpListener {
  /** The port it listens on (the one chosen by the system when asked for 0). */
  readonly port: number;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

/** Listens on `address` (port 0: any free one); each accepted connection goes to `onLink`. */
export function listenTcp(
  address: TcpAddress,
  onLink: (link: ByteLink) => void,
): Promise<Result<TcpListener>> {
  return new Promise((resolve) => {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      onLink(new TcpLink(socket));
    });
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(err({ code: 'link.listenFailed', detail: error.code })),
    );
    server.listen(address.port, address.host, () => {
      const bound = server.address();
      const port = typeof bound === 'object' && bound !== null ? bound.port : address.port;
      resolve(
        ok({
          port,
          close: () =>
            new Promise<void>((done) => {
              for (const socket of sockets) socket.destroy();
              server.close(() => done());
            }),
        }),
      );
    });
  });
}
