// SFU mode of the practitioner's call media: mediasoup-client on the platform's router, driven by
// `sfu.request`.
import type { Device, types as mediasoup } from 'mediasoup-client';
import { isInstrumentKind, type InstrumentKind } from '../../contract/instrument';
import { iceServersForRtc, type SfuMethod } from '../../contract/platform-protocol';
import { isRecord } from '../../contract/schema';
import {
  inboundCounters,
  trackFramesDecoded,
  type CallMediaOptions,
  type ConsoleMedia,
  type InboundCounters,
} from './console-media';

/** The consumer parameters the platform answers to `consume`. */
interface ConsumerParameters {
  readonly id: string;
  readonly producerId: string;
  readonly kind: 'audio' | 'video';
  readonly rtpParameters: mediasoup.RtpParameters;
  /** `{instrument}` for an examination instrument's producer. */
  readonly appData?: unknown;
}

/** The instrument a consumer's appData names, or null for the patient's face and voice. */
export function instrumentOf(appData: unknown): InstrumentKind | null {
  return isRecord(appData) && isInstrumentKind(appData.instrument) ? appData.instrument : null;
}

function isConsumerParameters(value: unknown): value is ConsumerParameters {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.producerId === 'string' &&
    (value.kind === 'audio' || value.kind === 'video') &&
    isRecord(value.rtpParameters)
  );
}

function isTransportParameters(value: unknown): value is mediasoup.TransportOptions {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    isRecord(value.iceParameters) &&
    Array.isArray(value.iceCandidates) &&
    isRecord(value.dtlsParameters)
  );
}

/**
 * SFU mode: one send and one receive transport on the platform's mediasoup router, driven by
 * `sfu.request`: getRouterRtpCapabilities, createTransport {direction}, connectTransport {transportId,
 * dtlsParameters}, produce {transportId, kind, rtpParameters} → {id}, consume {rtpCapabilities} →
 * consumer parameters[] (an instrument's with `appData: {instrument}`), resumeConsumer {consumerId}, restartIce {transportId} → iceParameters.
 */
export class SfuPeer implements ConsoleMedia {
  readonly #options: CallMediaOptions;
  readonly #createStream: (tracks: MediaStreamTrack[]) => MediaStream;
  readonly #consumed = new Set<string>();
  readonly #remoteTracks: MediaStreamTrack[] = [];
  #device: Device | null = null;
  #send: mediasoup.Transport | null = null;
  #recv: mediasoup.Transport | null = null;
  /** Setup, then each consume, one after the other. */
  #chain: Promise<void>;
  #closed = false;

  /** Starts joining the router at once: transports, then the camera and microphone, then consumers. */
  constructor(
    options: CallMediaOptions,
    loadDevice: () => Promise<Device>,
    createStream: (tracks: MediaStreamTrack[]) => MediaStream,
  ) {
    this.#options = options;
    this.#createStream = createStream;
    this.#chain = this.#setUp(loadDevice).catch(() => this.#failed());
  }

  handleSignal(): void {
    // SFU mode has no direct signaling.
  }

  handleProducerAdded(): void {
    if (this.#closed) return;
    this.#chain = this.#chain.then(() => this.#consume()).catch(() => this.#failed());
  }

  async readInbound(): Promise<InboundCounters | null> {
    const recv = this.#recv;
    if (this.#closed || recv === null) return null;
    return inboundCounters(await recv.getStats());
  }

  async readTrackFrames(_tag: string, track: MediaStreamTrack): Promise<number | null> {
    const recv = this.#recv;
    if (this.#closed || recv === null) return null;
    return trackFramesDecoded(await recv.getStats(), { trackIdentifier: track.id });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#send?.close();
    this.#recv?.close();
  }

  /** One SFU request; an error reply throws, which stops the chain at this step. */
  async #call(method: SfuMethod, data: unknown): Promise<unknown> {
    const result = await this.#options.sfuRequest(method, data);
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  }

  async #setUp(loadDevice: () => Promise<Device>): Promise<void> {
    const device = await loadDevice();
    const routerRtpCapabilities = (await this.#call(
      'getRouterRtpCapabilities',
      {},
    )) as mediasoup.RtpCapabilities;
    await device.load({ routerRtpCapabilities });
    if (this.#closed) return;
    this.#device = device;
    const iceServers = iceServersForRtc(this.#options.callMedia.iceServers);

    const recvParameters = await this.#call('createTransport', { direction: 'recv' });
    if (!isTransportParameters(recvParameters)) throw new Error('sfu.invalidTransport');
    if (this.#closed) return;
    this.#recv = this.#watch(device.createRecvTransport({ ...recvParameters, iceServers }));

    const sendParameters = await this.#call('createTransport', { direction: 'send' });
    if (!isTransportParameters(sendParameters)) throw new Error('sfu.invalidTransport');
    if (this.#closed) return;
    const send = this.#watch(device.createSendTransport({ ...sendParameters, iceServers }));
    this.#send = send;
    send.on('produce', ({ kind, rtpParameters }, callback, errback) => {
      this.#call('produce', { transportId: send.id, kind, rtpParameters }).then((value) => {
        if (isRecord(value) && typeof value.id === 'string') callback({ id: value.id });
        else errback(new Error('sfu.invalidProducer'));
      }, errback);
    });

    // The cabin may have published before the console joined: consume what is there already.
    await this.#consume();
    const local = await this.#options.local;
    if (local === null || this.#closed) return;
    for (const track of local.getTracks()) {
      if (device.canProduce(track.kind === 'audio' ? 'audio' : 'video')) await send.produce({ track });
    }
  }

  /** Connects the transport on its first use and restarts its ICE when the path fails. */
  #watch(transport: mediasoup.Transport): mediasoup.Transport {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#call('connectTransport', { transportId: transport.id, dtlsParameters }).then(
        () => callback(),
        errback,
      );
    });
    transport.on('connectionstatechange', (state) => {
      if (state !== 'failed' || this.#closed) return;
      this.#call('restartIce', { transportId: transport.id })
        .then((value) => {
          const iceParameters =
            isRecord(value) && isRecord(value.iceParameters) ? value.iceParameters : value;
          return transport.restartIce({ iceParameters: iceParameters as mediasoup.IceParameters });
        })
        .catch(() => this.#failed());
    });
    return transport;
  }

  async #consume(): Promise<void> {
    const device = this.#device;
    const recv = this.#recv;
    if (this.#closed || device === null || recv === null) return;
    const answer = await this.#call('consume', { rtpCapabilities: device.recvRtpCapabilities });
    const list = Array.isArray(answer) ? answer.filter(isConsumerParameters) : [];
    for (const parameters of list) {
      if (this.#consumed.has(parameters.id) || this.#closed) continue;
      this.#consumed.add(parameters.id);
      const instrument = instrumentOf(parameters.appData);
      const consumer = await recv.consume({
        id: parameters.id,
        producerId: parameters.producerId,
        kind: parameters.kind,
        rtpParameters: parameters.rtpParameters,
        appData: instrument === null ? {} : { instrument },
      });
      if (instrument === null) {
        this.#remoteTracks.push(consumer.track);
        this.#options.onRemoteStream(this.#createStream([...this.#remoteTracks]));
      } else {
        // An instrument's track is its own, named by its producer's id; never in the patient's stream.
        this.#options.onInstrumentTrack(parameters.producerId, consumer.track);
      }
      await this.#call('resumeConsumer', { consumerId: parameters.id });
    }
  }

  #failed(): void {
    if (!this.#closed) this.#options.onFailure('media.sfuFailed');
  }
}
