// A TCP connection as a ByteLink, on 127.0.0.1: bytes both ways, how it ends, and a refused connection.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import type { ByteLink, LinkEnd } from '../byte-link';
import { listenTcp, openTcpLink, type TcpListener } from './tcp-link';

/** Lets the sockets work until `done` holds (event-loop turns, not time). */
async function ioUntil(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 5_000 && !done(); turn += 1)
    await new Promise((resolve) => setImmediate(resolve));
  expect(done()).toBe(true);
}

describe('a TCP link', () => {
  const listeners: TcpListener[] = [];
  afterEach(async () => {
    for (const listener of listeners.splice(0)) await listener.close();
  });

  async function server(): Promise<{ port: number; accepted: ByteLink[]; listener: TcpListener }> {
    const accepted: ByteLink[] = [];
    const listening = await listenTcp({ host: '127.0.0.1', port: 0 }, (link) => accepted.push(link));
    if (!listening.ok) throw new Error(listening.error.code);
    listeners.push(listening.value);
    return { port: listening.value.port, accepted, listener: listening.value };
  }

  it('carries bytes both ways, and the peer closing ends it unplugged', async () => {
    const { port, accepted } = await server();
    const opened = await openTcpLink({ host: '127.0.0.1', port }, new ManualClock(), 5_000);
    if (!opened.ok) throw new Error(opened.error.code);
    const client = opened.value;
    const heard: number[] = [];
    const ends: LinkEnd[] = [];
    client.onData((chunk) => heard.push(...chunk));
    client.onEnd((end) => ends.push(end));
    await ioUntil(() => accepted.length === 1);
    const peer = accepted[0] as ByteLink;
    const peerHeard: number[] = [];
    peer.onData((chunk) => peerHeard.push(...chunk));
    expect(await client.write(Uint8Array.of(1, 2, 3))).toEqual({ ok: true, value: undefined });
    await ioUntil(() => peerHeard.length === 3);
    await peer.write(Uint8Array.of(9));
    await ioUntil(() => heard.length === 1);
    await peer.close();
    await ioUntil(() => ends.length === 1);
    expect(ends).toEqual(['unplugged']);
    expect((await client.write(Uint8Array.of(1))).ok).toBe(false);
  });

  it('closed by us ends it closed', async () => {
    const { port } = await server();
    const opened = await openTcpLink({ host: '127.0.0.1', port }, new ManualClock(), 5_000);
    if (!opened.ok) throw new Error(opened.error.code);
    const ends: LinkEnd[] = [];
    opened.value.onEnd((end) => ends.push(end));
    await opened.value.close();
    await opened.value.close();
    expect(ends).toEqual(['closed']);
  });

  it('nothing listening: link.refused', async () => {
    const { port, listener } = await server();
    await listener.close();
    listeners.length = 0;
    const opened = await openTcpLink({ host: '127.0.0.1', port }, new ManualClock(), 5_000);
    expect(opened.ok ? null : opened.error.code).toBe('link.refused');
  });
});
