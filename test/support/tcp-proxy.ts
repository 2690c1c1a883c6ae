// A TCP relay between a client and a server on loopback that a test can cut, like a network that drops:
// `cut()` destroys every relayed connection and refuses new ones until `restore()`; `stall()` keeps
// them open but carries nothing, like a path that dies silently.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A running relay. */
export interface TcpProxy {
  /** The relay's address, to give the client instead of the server's. */
  readonly port: number;
  cut(): void;
  /** Stops carrying bytes but keeps every connection open: a network that dies without a word. */
  stall(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Relays 127.0.0.1:<free port> to 127.0.0.1:`targetPort`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let open = true;
  let stalled = false;
  const server: Server = createServer((client) => {
    if (!open) return client.destroy();
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      if (!stalled) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!stalled) client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    stall() {
      stalled = true;
    },
    restore() {
      open = true;
      stalled = false;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
