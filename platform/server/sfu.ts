// The platform's SFU seam: one room per call, driven by the `sfu.request` messages of its two peers. The
// real backend is mediasoup (a worker, one router per call with Opus and VP8, WebRTC transports); where
// the `mediasoup` package is not installed the platform runs in direct mode (the two browsers connect
// to each other). mediasoup is typed here by the few members the room uses, since its types may be absent.
import { isInstrumentKind, type InstrumentKind } from '../../contract/instrument';
import type { SfuMethod } from '../../contract/platform-protocol';
import { err, ok, type CabinError, type Result } from '../../contract/result';
import { isRecord } from '../../contract/schema';
import { SILENT_LOG, type PlatformLog } from './platform-log';

/** The two sides of a call as the SFU sees them. */
export type SfuPeer = 'cabin' | 'practitioner';

/** The SFU room of one call. */
export interface SfuRoom {
  /** Runs one mediasoup signaling request of `peer`; expected failures are values. */
  request(peer: SfuPeer, method: SfuMethod, data: unknown): Promise<Result<unknown>>;
  /** The ids of the producers `peer` has open now (what the other side may consume). */
  producersOf(peer: SfuPeer): readonly string[];
  /** Closes every transport, producer and consumer of the room. */
  close(): void;
}

/** A source of SFU rooms: mediasoup, or a fake in tests. */
export interface SfuBackend {
  /** What the backend is, for the log (`mediasoup`, `fake`). */
  readonly name: string;
  /** Opens the room of one call. */
  createRoom(sessionId: string): SfuRoom;
  /** Stops the backend (its worker); rooms must not be used afterwards. */
  close(): void;
}

/**
 * The SFU limits per peer, so that one client cannot exhaust the worker: one send and one receive
 * transport (a new one replaces the old, as after a reconnection), and a few producers.
 */
export const SFU_LIMITS = { producers: 4 } as const;

const sfuError = (code: string, detail?: string): Result<never> =>
  err(detail === undefined ? { code } : ({ code, detail } satisfies CabinError));

// ------------------------------------------------------------------------------ the mediasoup we use

/** A mediasoup WebRTC transport, as far as the room uses it. */
export interface MediasoupTransport {
  readonly id: string;
  readonly iceParameters: unknown;
  readonly iceCandidates: unknown;
  readonly dtlsParameters: unknown;
  readonly sctpParameters?: unknown;
  connect(options: { dtlsParameters: unknown }): Promise<void>;
  restartIce(): Promise<unknown>;
  produce(options: {
    kind: 'audio' | 'video';
    rtpParameters: unknown;
    appData?: Record<string, unknown>;
  }): Promise<MediasoupProducer>;
  consume(options: {
    producerId: string;
    rtpCapabilities: unknown;
    paused: boolean;
  }): Promise<MediasoupConsumer>;
  close(): void;
}

/** A mediasoup producer, as far as the room uses it. */
export interface MediasoupProducer {
  readonly id: string;
  readonly kind: 'audio' | 'video';
  close(): void;
}

/** A mediasoup consumer, as far as the room uses it. */
export interface MediasoupConsumer {
  readonly id: string;
  readonly producerId: string;
  readonly kind: 'audio' | 'video';
  readonly rtpParameters: unknown;
  resume(): Promise<void>;
  close(): void;
  on(event: 'producerclose' | 'transportclose', listener: () => void): unknown;
}

/** A mediasoup router, as far as the room uses it. */
export interface MediasoupRouter {
  readonly rtpCapabilities: unknown;
  canConsume(options: { producerId: string; rtpCapabilities: unknown }): boolean;
  createWebRtcTransport(options: {
    listenInfos: readonly { protocol: 'udp' | 'tcp'; ip: string; announcedAddress?: string }[];
    initialAvailableOutgoingBitrate?: number;
  }): Promise<MediasoupTransport>;
  close(): void;
}

/** A mediasoup worker, as far as the backend uses it. */
export interface MediasoupWorker {
  createRouter(options: { mediaCodecs: readonly Record<string, unknown>[] }): Promise<MediasoupRouter>;
  close(): void;
  on(event: 'died', listener: (error: unknown) => void): unknown;
}

/** The `mediasoup` module, as far as the backend uses it. */
export interface MediasoupModule {
  createWorker(options: {
    logLevel: 'warn' | 'error' | 'none';
    rtcMinPort?: number;
    rtcMaxPort?: number;
  }): Promise<MediasoupWorker>;
}

/** Where the mediasoup transports listen and what address they announce. */
export interface MediasoupOptions {
  /** The address the transports bind (default 127.0.0.1, or 0.0.0.0 when an address is announced). */
  readonly listenIp?: string;
  /** The public address put in the ICE candidates (needed behind NAT or on a server). */
  readonly announcedIp?: string;
  readonly rtcMinPort?: number;
  readonly rtcMaxPort?: number;
  readonly log?: PlatformLog;
}

/** The codecs of every call's router: Opus for the voice, VP8 for the picture. */
export const ROUTER_CODECS: readonly Record<string, unknown>[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, channels: 2 },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90_000,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
];

let absenceLogged = false;

/**
 * Loads mediasoup and starts its worker; answers null (direct mode) when the package is not installed
 * or its worker does not start. The specifier is a variable so that bundlers and type checkers leave
 * the optional package alone.
 */
export async function detectMediasoup(options: MediasoupOptions = {}): Promise<SfuBackend | null> {
  const log = options.log ?? SILENT_LOG;
  const specifier = 'mediasoup';
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch {
    if (!absenceLogged) {
      absenceLogged = true;
      log('mediasoup not installed: direct mode');
    }
    return null;
  }
  const module = pickModule(loaded);
  if (module === null) {
    log('sfu.unusableModule');
    return null;
  }
  try {
    return await createMediasoupBackend(module, options);
  } catch {
    log('sfu.workerFailed');
    return null;
  }
}

function pickModule(loaded: unknown): MediasoupModule | null {
  if (isRecord(loaded) && typeof loaded.createWorker === 'function')
    return loaded as unknown as MediasoupModule;
  if (isRecord(loaded) && isRecord(loaded.default) && typeof loaded.default.createWorker === 'function') {
    return loaded.default as unknown as MediasoupModule;
  }
  return null;
}

/** A mediasoup backend on `module`: one worker for the platform, one router per call. */
export async function createMediasoupBackend(
  module: MediasoupModule,
  options: MediasoupOptions = {},
): Promise<SfuBackend> {
  const log = options.log ?? SILENT_LOG;
  const worker = await module.createWorker({
    logLevel: 'warn',
    ...(options.rtcMinPort === undefined ? {} : { rtcMinPort: options.rtcMinPort }),
    ...(options.rtcMaxPort === undefined ? {} : { rtcMaxPort: options.rtcMaxPort }),
  });
  worker.on('died', () => log('sfu.workerDied'));
  const listenIp = options.listenIp ?? (options.announcedIp === undefined ? '127.0.0.1' : '0.0.0.0');
  const listenInfos = (['udp', 'tcp'] as const).map((protocol) => ({
    protocol,
    ip: listenIp,
    ...(options.announcedIp === undefined ? {} : { announcedAddress: options.announcedIp }),
  }));
  return {
    name: 'mediasoup',
    createRoom: () => new MediasoupRoom(worker.createRouter({ mediaCodecs: ROUTER_CODECS }), listenInfos),
    close: () => worker.close(),
  };
}

/**
 * What one peer has in a room, as the mediasoup room and its test double keep it: at most one send and
 * one receive transport, its producers and consumers.
 */
export interface PeerBooks<Transport, Producer, Consumer> {
  send: Transport | null;
  recv: Transport | null;
  readonly producers: Map<string, Producer>;
  readonly consumers: Map<string, Consumer>;
  /** Producers of the other peer this peer already consumes on its current receive transport. */
  readonly consumed: Set<string>;
}

/** A peer's books before any request: nothing open, produced or consumed. */
export function emptyPeerBooks<Transport, Producer, Consumer>(): PeerBooks<Transport, Producer, Consumer> {
  return { send: null, recv: null, producers: new Map(), consumers: new Map(), consumed: new Set() };
}

/**
 * The instrument a `produce` request names in its `appData: {instrument}` (a known kind only; anything
 * else is dropped and the producer is the patient's face or voice).
 */
export function producedInstrument(data: Record<string, unknown>): InstrumentKind | null {
  const appData = data.appData;
  return isRecord(appData) && isInstrumentKind(appData.instrument) ? appData.instrument : null;
}

/** The appData a consumer is announced with: `{instrument}` for an instrument's producer, else empty. */
export function consumerAppData(instrument: InstrumentKind | null): { instrument?: InstrumentKind } {
  return instrument === null ? {} : { instrument };
}

/** The other party of a call. */
export const otherPeer = (peer: SfuPeer): SfuPeer => (peer === 'cabin' ? 'practitioner' : 'cabin');

type PeerMedia = PeerBooks<MediasoupTransport, MediasoupProducer, MediasoupConsumer>;

/** The room of one call on a mediasoup router. */
export class MediasoupRoom implements SfuRoom {
  readonly #router: Promise<MediasoupRouter>;
  readonly #listenInfos: readonly { protocol: 'udp' | 'tcp'; ip: string; announcedAddress?: string }[];
  readonly #peers: Record<SfuPeer, PeerMedia> = { cabin: emptyPeerBooks(), practitioner: emptyPeerBooks() };
  /** The instrument of each open producer that is one (the consume answer's appData). */
  readonly #instruments = new Map<string, InstrumentKind>();
  #closed = false;

  /** The router is being created; requests wait for it. */
  constructor(
    router: Promise<MediasoupRouter>,
    listenInfos: readonly { protocol: 'udp' | 'tcp'; ip: string; announcedAddress?: string }[],
  ) {
    this.#router = router;
    this.#listenInfos = listenInfos;
    // A router that fails is reported by the first request; the rejection must not go unhandled.
    router.catch(() => undefined);
  }

  async request(peer: SfuPeer, method: SfuMethod, data: unknown): Promise<Result<unknown>> {
    if (this.#closed) return sfuError('sfu.closed');
    try {
      const answer = await this.#run(peer, method, isRecord(data) ? data : {});
      // The room may have closed while the worker answered: do not hand out dead objects.
      return this.#closed ? sfuError('sfu.closed') : answer;
    } catch {
      return sfuError('sfu.failed', method);
    }
  }

  producersOf(peer: SfuPeer): readonly string[] {
    return [...this.#peers[peer].producers.keys()];
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#router.then((router) => router.close()).catch(() => undefined);
  }

  async #run(peer: SfuPeer, method: SfuMethod, data: Record<string, unknown>): Promise<Result<unknown>> {
    const media = this.#peers[peer];
    const router = await this.#router;
    switch (method) {
      case 'getRouterRtpCapabilities':
        return ok(router.rtpCapabilities);
      case 'createTransport': {
        const direction = data.direction;
        if (direction !== 'send' && direction !== 'recv') return sfuError('sfu.invalidRequest', 'direction');
        const transport = await router.createWebRtcTransport({
          listenInfos: this.#listenInfos,
          initialAvailableOutgoingBitrate: 1_000_000,
        });
        if (this.#closed) {
          transport.close();
          return sfuError('sfu.closed');
        }
        // A new transport of the same direction replaces the old one (the client set its media up again).
        if (direction === 'send') {
          media.send?.close();
          for (const id of media.producers.keys()) this.#instruments.delete(id);
          media.producers.clear();
          media.send = transport;
        } else {
          media.recv?.close();
          media.consumers.clear();
          media.consumed.clear();
          media.recv = transport;
        }
        return ok({
          id: transport.id,
          iceParameters: transport.iceParameters,
          iceCandidates: transport.iceCandidates,
          dtlsParameters: transport.dtlsParameters,
          ...(transport.sctpParameters === undefined ? {} : { sctpParameters: transport.sctpParameters }),
        });
      }
      case 'connectTransport': {
        const transport = this.#transportOf(media, data.transportId);
        if (!transport || !isRecord(data.dtlsParameters))
          return sfuError('sfu.invalidRequest', 'transportId');
        await transport.connect({ dtlsParameters: data.dtlsParameters });
        return ok(null);
      }
      case 'restartIce': {
        const transport = this.#transportOf(media, data.transportId);
        if (!transport) return sfuError('sfu.invalidRequest', 'transportId');
        return ok({ iceParameters: await transport.restartIce() });
      }
      case 'produce': {
        const send = media.send;
        if (send === null || send.id !== data.transportId)
          return sfuError('sfu.invalidRequest', 'transportId');
        if (data.kind !== 'audio' && data.kind !== 'video') return sfuError('sfu.invalidRequest', 'kind');
        if (!isRecord(data.rtpParameters)) return sfuError('sfu.invalidRequest', 'rtpParameters');
        if (media.producers.size >= SFU_LIMITS.producers) return sfuError('sfu.tooManyProducers');
        const instrument = producedInstrument(data);
        const producer = await send.produce({
          kind: data.kind,
          rtpParameters: data.rtpParameters,
          appData: consumerAppData(instrument),
        });
        media.producers.set(producer.id, producer);
        if (instrument !== null) this.#instruments.set(producer.id, instrument);
        return ok({ id: producer.id });
      }
      case 'consume': {
        const recv = media.recv;
        if (recv === null) return sfuError('sfu.invalidRequest', 'recvTransport');
        if (!isRecord(data.rtpCapabilities)) return sfuError('sfu.invalidRequest', 'rtpCapabilities');
        const consumers: unknown[] = [];
        for (const producerId of this.producersOf(otherPeer(peer))) {
          if (media.consumed.has(producerId)) continue;
          if (!router.canConsume({ producerId, rtpCapabilities: data.rtpCapabilities })) continue;
          media.consumed.add(producerId);
          const consumer = await recv.consume({
            producerId,
            rtpCapabilities: data.rtpCapabilities,
            paused: true,
          });
          media.consumers.set(consumer.id, consumer);
          const forget = (): void => void media.consumers.delete(consumer.id);
          consumer.on('producerclose', forget);
          consumer.on('transportclose', forget);
          consumers.push({
            id: consumer.id,
            producerId: consumer.producerId,
            kind: consumer.kind,
            rtpParameters: consumer.rtpParameters,
            appData: consumerAppData(this.#instruments.get(producerId) ?? null),
          });
        }
        return ok(consumers);
      }
      case 'resumeConsumer': {
        const consumer = media.consumers.get(String(data.consumerId));
        if (!consumer) return sfuError('sfu.invalidRequest', 'consumerId');
        await consumer.resume();
        return ok(null);
      }
      case 'closeProducer': {
        const producer = media.producers.get(String(data.producerId));
        if (!producer) return sfuError('sfu.invalidRequest', 'producerId');
        producer.close();
        media.producers.delete(producer.id);
        this.#instruments.delete(producer.id);
        return ok(null);
      }
    }
  }

  #transportOf(media: PeerMedia, transportId: unknown): MediasoupTransport | null {
    if (media.send?.id === transportId) return media.send;
    if (media.recv?.id === transportId) return media.recv;
    return null;
  }
}
