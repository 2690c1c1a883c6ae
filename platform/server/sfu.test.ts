// The mediasoup room's books (who may consume what, once, paused; a new transport replacing the old),
// driven through a small in-memory module with the members of mediasoup the room uses, and the
// detection that falls back to direct mode where mediasoup is not installed.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  createMediasoupBackend,
  detectMediasoup,
  ROUTER_CODECS,
  type MediasoupConsumer,
  type MediasoupModule,
  type MediasoupProducer,
  type MediasoupRouter,
  type MediasoupTransport,
  type SfuRoom,
} from './sfu';

/** What the in-memory worker saw: created transports with their options, and live objects. */
interface WorkerBook {
  readonly routers: { codecs: readonly Record<string, unknown>[]; closed: boolean }[];
  readonly transports: { id: string; listenInfos: unknown; closed: boolean; connected: boolean }[];
  readonly consumers: Map<string, { paused: boolean; producerId: string }>;
}

/** An in-memory stand-in for the `mediasoup` module: ids and books, no media. */
function memoryMediasoup(): { module: MediasoupModule; book: WorkerBook } {
  const book: WorkerBook = { routers: [], transports: [], consumers: new Map() };
  let next = 0;
  const id = (kind: string): string => `${kind}-${(next += 1)}`;
  const producers = new Map<string, MediasoupProducer & { closed: boolean }>();
  const router = (codecs: readonly Record<string, unknown>[]): MediasoupRouter => {
    const record = { codecs, closed: false };
    book.routers.push(record);
    return {
      rtpCapabilities: { codecs: codecs.map((codec) => codec.mimeType) },
      canConsume: ({ producerId }) => producers.get(producerId)?.closed === false,
      createWebRtcTransport: ({ listenInfos }) => {
        const entry = { id: id('transport'), listenInfos, closed: false, connected: false };
        book.transports.push(entry);
        const transport: MediasoupTransport = {
          id: entry.id,
          iceParameters: { usernameFragment: entry.id },
          iceCandidates: [],
          dtlsParameters: { role: 'auto', fingerprints: [] },
          connect: () => {
            entry.connected = true;
            return Promise.resolve();
          },
          restartIce: () => Promise.resolve({ usernameFragment: `${entry.id}-restarted` }),
          produce: ({ kind }) => {
            const producer = {
              id: id('producer'),
              kind,
              closed: false,
              close: () => (producer.closed = true),
            };
            producers.set(producer.id, producer);
            return Promise.resolve(producer);
          },
          consume: ({ producerId, paused }) => {
            const consumerId = id('consumer');
            book.consumers.set(consumerId, { paused, producerId });
            const consumer: MediasoupConsumer = {
              id: consumerId,
              producerId,
              kind: producers.get(producerId)?.kind ?? 'audio',
              rtpParameters: { codecs: [] },
              resume: () => {
                const state = book.consumers.get(consumerId);
                if (state) state.paused = false;
                return Promise.resolve();
              },
              close: () => undefined,
              on: () => consumer,
            };
            return Promise.resolve(consumer);
          },
          close: () => (entry.closed = true),
        };
        return Promise.resolve(transport);
      },
      close: () => (record.closed = true),
    };
  };
  return {
    book,
    module: {
      createWorker: () =>
        Promise.resolve({
          createRouter: ({ mediaCodecs }) => Promise.resolve(router(mediaCodecs)),
          close: () => undefined,
          on: () => undefined,
        }),
    },
  };
}

async function value(
  room: SfuRoom,
  peer: 'cabin' | 'practitioner',
  method: Parameters<SfuRoom['request']>[1],
  data: unknown,
): Promise<Record<string, unknown>> {
  const answer = await room.request(peer, method, data);
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.value as Record<string, unknown>;
}

describe('the mediasoup room', () => {
  it('routes Opus and VP8, and lets each side consume what the other publishes, once and paused', async () => {
    const { module, book } = memoryMediasoup();
    const backend = await createMediasoupBackend(module);
    const room = backend.createRoom('s1');
    await expect(value(room, 'cabin', 'getRouterRtpCapabilities', {})).resolves.toEqual({
      codecs: ['audio/opus', 'video/VP8'],
    });
    expect(book.routers[0]?.codecs).toBe(ROUTER_CODECS);

    const send = await value(room, 'cabin', 'createTransport', { direction: 'send' });
    expect(book.transports[0]?.listenInfos).toEqual([
      { protocol: 'udp', ip: '127.0.0.1' },
      { protocol: 'tcp', ip: '127.0.0.1' },
    ]);
    await value(room, 'cabin', 'connectTransport', {
      transportId: send.id,
      dtlsParameters: { role: 'client' },
    });
    expect(book.transports[0]?.connected).toBe(true);
    const audio = await value(room, 'cabin', 'produce', {
      transportId: send.id,
      kind: 'audio',
      rtpParameters: {},
    });
    expect(room.producersOf('cabin')).toEqual([audio.id]);
    expect(room.producersOf('practitioner')).toEqual([]);

    // A cabin cannot consume its own producer; the practitioner consumes it once, paused.
    await value(room, 'cabin', 'createTransport', { direction: 'recv' });
    await expect(value(room, 'cabin', 'consume', { rtpCapabilities: {} })).resolves.toEqual([]);
    await value(room, 'practitioner', 'createTransport', { direction: 'recv' });
    const consumers = (await value(room, 'practitioner', 'consume', { rtpCapabilities: {} })) as unknown as {
      id: string;
      producerId: string;
      kind: string;
    }[];
    expect(consumers).toMatchObject([{ producerId: audio.id, kind: 'audio' }]);
    const consumerId = consumers[0]?.id ?? '';
    expect(book.consumers.get(consumerId)?.paused).toBe(true);
    await expect(value(room, 'practitioner', 'consume', { rtpCapabilities: {} })).resolves.toEqual([]);
    await value(room, 'practitioner', 'resumeConsumer', { consumerId });
    expect(book.consumers.get(consumerId)?.paused).toBe(false);
    // The cabin cannot resume the practitioner's consumer, nor use its transports.
    await expect(room.request('cabin', 'resumeConsumer', { consumerId })).resolves.toMatchObject({
      ok: false,
    });

    // A new receive transport (the console set its media up again) consumes everything again.
    await value(room, 'practitioner', 'createTransport', { direction: 'recv' });
    expect(book.transports.filter((transport) => transport.closed)).toHaveLength(1);
    await expect(value(room, 'practitioner', 'consume', { rtpCapabilities: {} })).resolves.toHaveLength(1);

    await expect(value(room, 'cabin', 'restartIce', { transportId: send.id })).resolves.toEqual({
      iceParameters: { usernameFragment: `${String(send.id)}-restarted` },
    });
    await value(room, 'cabin', 'closeProducer', { producerId: audio.id });
    expect(room.producersOf('cabin')).toEqual([]);
    room.close();
    await expect(room.request('cabin', 'getRouterRtpCapabilities', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'sfu.closed' },
    });
    await Promise.resolve();
    expect(book.routers[0]?.closed).toBe(true);
  });

  it('refuses malformed requests with a failure value', async () => {
    const { module } = memoryMediasoup();
    const room = (await createMediasoupBackend(module)).createRoom('s1');
    await expect(room.request('cabin', 'createTransport', { direction: 'sideways' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'sfu.invalidRequest' },
    });
    await expect(
      room.request('cabin', 'produce', { transportId: 'x', kind: 'audio', rtpParameters: {} }),
    ).resolves.toMatchObject({
      ok: false,
    });
    await expect(room.request('cabin', 'consume', { rtpCapabilities: {} })).resolves.toMatchObject({
      ok: false,
    });
  });

  it('announces the configured address and listens on every interface then', async () => {
    const { module, book } = memoryMediasoup();
    const room = (await createMediasoupBackend(module, { announcedIp: '203.0.113.7' })).createRoom('s1');
    await value(room, 'cabin', 'createTransport', { direction: 'send' });
    expect(book.transports[0]?.listenInfos).toEqual([
      { protocol: 'udp', ip: '0.0.0.0', announcedAddress: '203.0.113.7' },
      { protocol: 'tcp', ip: '0.0.0.0', announcedAddress: '203.0.113.7' },
    ]);
  });
});

/** Whether the optional `mediasoup` package is installed here. */
function mediasoupInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('mediasoup');
    return true;
  } catch {
    return false;
  }
}

describe('mediasoup detection', () => {
  it.skipIf(mediasoupInstalled())(
    'answers direct mode (null) where mediasoup is not installed, and says so once',
    async () => {
      const lines: string[] = [];
      await expect(detectMediasoup({ log: (event) => lines.push(event) })).resolves.toBeNull();
      await expect(detectMediasoup({ log: (event) => lines.push(event) })).resolves.toBeNull();
      expect(lines).toEqual(['mediasoup not installed: direct mode']);
    },
  );
});

describe('the examination instruments through the room', () => {
  it('tells the consumer of an instrument’s producer which instrument it is; an unknown kind is dropped; one closed, another produced', async () => {
    const { module } = memoryMediasoup();
    const room = (await createMediasoupBackend(module)).createRoom('s1');
    const send = await value(room, 'cabin', 'createTransport', { direction: 'send' });
    const produce = (appData?: unknown): Promise<Record<string, unknown>> =>
      value(room, 'cabin', 'produce', {
        transportId: send.id,
        kind: 'video',
        rtpParameters: {},
        ...(appData === undefined ? {} : { appData }),
      });
    const face = await produce();
    const otoscope = await produce({ instrument: 'otoscope' });
    const odd = await produce({ instrument: 'x-ray', note: 'nothing' });
    await value(room, 'practitioner', 'createTransport', { direction: 'recv' });
    const consume = async (): Promise<unknown> =>
      value(room, 'practitioner', 'consume', { rtpCapabilities: {} });
    await expect(consume()).resolves.toEqual([
      expect.objectContaining({ producerId: face.id, appData: {} }),
      expect.objectContaining({ producerId: otoscope.id, appData: { instrument: 'otoscope' } }),
      expect.objectContaining({ producerId: odd.id, appData: {} }),
    ]);

    // The professional switches: the otoscope's producer closes, the dermatoscope's comes.
    await value(room, 'cabin', 'closeProducer', { producerId: otoscope.id });
    await value(room, 'cabin', 'closeProducer', { producerId: odd.id });
    const dermatoscope = await produce({ instrument: 'dermatoscope' });
    await expect(consume()).resolves.toEqual([
      expect.objectContaining({ producerId: dermatoscope.id, appData: { instrument: 'dermatoscope' } }),
    ]);
    expect(room.producersOf('cabin')).toEqual([face.id, dermatoscope.id]);
  });
});
