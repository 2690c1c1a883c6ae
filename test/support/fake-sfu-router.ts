// A mediasoup router as one side of a call sees it through the platform, for tests of the SFU clients
// (the cabin's link, the practitioner's peer) over mediasoup-client's FakeHandler: every request is
// answered with the shapes of mediasoup-client's fake parameters, without media.
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { InstrumentKind } from '../../contract/instrument';
import type { SfuMethod } from '../../contract/platform-protocol';
import type { Result } from '../../contract/result';

/** The kind of a track the other side of the call produces. */
export type FakeTrackKind = 'audio' | 'video';

/** The router's answers, with the other side's producers a test announces and the ICE restarts it gave. */
export class FakeSfuRouter {
  /** The other side's producers not consumed yet: the next `consume` hands them all out (`consumer-<kind>`). */
  readonly pending: FakeTrackKind[];
  /** The ICE parameters of each `restartIce` answer, in order. */
  readonly restartIceParameters: unknown[] = [];
  /** The other side's instrument producers not consumed yet, handed out after `pending`. */
  readonly pendingInstruments: { readonly kind: InstrumentKind; readonly producerId: string }[] = [];
  #producers = 0;

  /** A router whose other side already produces `pending` (none by default). */
  constructor(pending: readonly FakeTrackKind[] = []) {
    this.pending = [...pending];
  }

  /** The other side produces these tracks: the next `consume` hands them out. */
  publish(...kinds: FakeTrackKind[]): void {
    this.pending.push(...kinds);
  }

  /** The other side produces an instrument's track (`appData: {instrument}`) as producer `producerId`. */
  publishInstrument(kind: InstrumentKind, producerId: string): void {
    this.pendingInstruments.push({ kind, producerId });
  }

  /** Answers one request; a produce answers `producer-<n>`, counting from 1. */
  readonly answer = (method: SfuMethod): Result<unknown> => {
    switch (method) {
      case 'getRouterRtpCapabilities':
        return { ok: true, value: fakeParameters.generateRouterRtpCapabilities() };
      case 'createTransport':
        return { ok: true, value: fakeParameters.generateTransportRemoteParameters() };
      case 'produce':
        this.#producers += 1;
        return { ok: true, value: { id: `producer-${this.#producers}` } };
      case 'consume': {
        const list = this.pending.splice(0).map((kind) =>
          fakeParameters.generateConsumerRemoteParameters({
            id: `consumer-${kind}`,
            codecMimeType: kind === 'audio' ? 'audio/opus' : 'video/VP8',
          }),
        );
        const instruments = this.pendingInstruments.splice(0).map(({ kind, producerId }) => ({
          ...fakeParameters.generateConsumerRemoteParameters({
            id: `consumer-${producerId}`,
            codecMimeType: kind === 'stethoscope' ? 'audio/opus' : 'video/VP8',
          }),
          producerId,
          appData: { instrument: kind },
        }));
        return { ok: true, value: [...list, ...instruments] };
      }
      case 'restartIce': {
        const { iceParameters } = fakeParameters.generateTransportRemoteParameters();
        this.restartIceParameters.push(iceParameters);
        return { ok: true, value: { iceParameters } };
      }
      case 'connectTransport':
      case 'resumeConsumer':
      case 'closeProducer':
        return { ok: true, value: null };
    }
  };
}
