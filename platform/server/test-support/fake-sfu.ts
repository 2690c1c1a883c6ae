// An SFU backend without media: it answers every mediasoup signaling request with the parameter shapes
// of mediasoup-client's fake parameters, so that clients using mediasoup-client's FakeHandler go through
// a whole SFU call (capabilities, transports, produce, consume) against the real platform. Tests only.
import { randomUUID } from 'node:crypto';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { SfuMethod } from '../../../contract/platform-protocol';
import { err, ok, type Result } from '../../../contract/result';
import { isRecord } from '../../../contract/schema';
import type { InstrumentKind } from '../../../contract/instrument';
import {
  consumerAppData,
  emptyPeerBooks,
  otherPeer,
  producedInstrument,
  SFU_LIMITS,
  type PeerBooks,
  type SfuBackend,
  type SfuPeer,
  type SfuRoom,
} from '../sfu';

/** One request a fake room answered, for tests to look at. */
export interface FakeSfuRequest {
  readonly peer: SfuPeer;
  readonly method: SfuMethod;
  readonly ok: boolean;
}

/** The mediasoup room's books with ids for transports, and the transports connected so far. */
interface FakePeerMedia extends PeerBooks<
  string,
  { kind: 'audio' | 'video'; instrument: InstrumentKind | null },
  { producerId: string; paused: boolean }
> {
  readonly connected: Set<string>;
}

const newPeerMedia = (): FakePeerMedia => ({ ...emptyPeerBooks(), connected: new Set() });

const invalid = (detail: string): Result<never> => err({ code: 'sfu.invalidRequest', detail });

/** The room of one call in the fake SFU: it keeps the same books as the mediasoup room, without media. */
export class FakeSfuRoom implements SfuRoom {
  /** Every request in arrival order. */
  readonly requests: FakeSfuRequest[] = [];
  readonly #peers: Record<SfuPeer, FakePeerMedia> = { cabin: newPeerMedia(), practitioner: newPeerMedia() };
  #closed = false;

  /** Opens the room of the call `sessionId`. */
  constructor(readonly sessionId: string) {}

  /** True once the platform closed the room. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Whether `peer`'s consumer `consumerId` is still paused (consumers start paused). */
  isPaused(peer: SfuPeer, consumerId: string): boolean | null {
    return this.#peers[peer].consumers.get(consumerId)?.paused ?? null;
  }

  request(peer: SfuPeer, method: SfuMethod, data: unknown): Promise<Result<unknown>> {
    const answer = this.#closed
      ? err({ code: 'sfu.closed' })
      : this.#run(peer, method, isRecord(data) ? data : {});
    this.requests.push({ peer, method, ok: answer.ok });
    return Promise.resolve(answer);
  }

  producersOf(peer: SfuPeer): readonly string[] {
    return [...this.#peers[peer].producers.keys()];
  }

  close(): void {
    this.#closed = true;
  }

  #run(peer: SfuPeer, method: SfuMethod, data: Record<string, unknown>): Result<unknown> {
    const media = this.#peers[peer];
    const owns = (transportId: unknown): boolean => transportId === media.send || transportId === media.recv;
    switch (method) {
      case 'getRouterRtpCapabilities':
        return ok(fakeParameters.generateRouterRtpCapabilities());
      case 'createTransport': {
        if (data.direction !== 'send' && data.direction !== 'recv') return invalid('direction');
        const transport = fakeParameters.generateTransportRemoteParameters();
        if (data.direction === 'send') {
          media.producers.clear();
          media.send = transport.id;
        } else {
          media.consumers.clear();
          media.consumed.clear();
          media.recv = transport.id;
        }
        return ok(transport);
      }
      case 'connectTransport':
        if (!owns(data.transportId) || !isRecord(data.dtlsParameters)) return invalid('transportId');
        media.connected.add(String(data.transportId));
        return ok(null);
      case 'restartIce':
        if (!owns(data.transportId)) return invalid('transportId');
        return ok({ iceParameters: fakeParameters.generateTransportRemoteParameters().iceParameters });
      case 'produce': {
        if (media.send === null || data.transportId !== media.send) return invalid('transportId');
        if (data.kind !== 'audio' && data.kind !== 'video') return invalid('kind');
        if (!isRecord(data.rtpParameters)) return invalid('rtpParameters');
        if (media.producers.size >= SFU_LIMITS.producers) return err({ code: 'sfu.tooManyProducers' });
        const id = randomUUID();
        media.producers.set(id, { kind: data.kind, instrument: producedInstrument(data) });
        return ok({ id });
      }
      case 'consume': {
        if (media.recv === null) return invalid('recvTransport');
        if (!isRecord(data.rtpCapabilities)) return invalid('rtpCapabilities');
        const other = this.#peers[otherPeer(peer)];
        const consumers: unknown[] = [];
        for (const [producerId, { kind, instrument }] of other.producers) {
          if (media.consumed.has(producerId)) continue;
          media.consumed.add(producerId);
          const parameters = fakeParameters.generateConsumerRemoteParameters({
            codecMimeType: kind === 'audio' ? 'audio/opus' : 'video/VP8',
          });
          media.consumers.set(parameters.id, { producerId, paused: true });
          consumers.push({ ...parameters, producerId, appData: consumerAppData(instrument) });
        }
        return ok(consumers);
      }
      case 'resumeConsumer': {
        const consumer = media.consumers.get(String(data.consumerId));
        if (!consumer) return invalid('consumerId');
        consumer.paused = false;
        return ok(null);
      }
      case 'closeProducer':
        if (!media.producers.delete(String(data.producerId))) return invalid('producerId');
        return ok(null);
    }
  }
}

/** The fake SFU: one FakeSfuRoom per call, kept for the test to inspect. */
export class FakeSfuBackend implements SfuBackend {
  readonly name = 'fake';
  /** Every room opened, by session id (a closed room stays listed). */
  readonly rooms = new Map<string, FakeSfuRoom>();

  createRoom(sessionId: string): SfuRoom {
    const room = new FakeSfuRoom(sessionId);
    this.rooms.set(sessionId, room);
    return room;
  }

  close(): void {
    for (const room of this.rooms.values()) room.close();
  }
}
