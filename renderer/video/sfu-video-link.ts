// SFU mode: media goes through the platform's mediasoup router. The cabin loads a mediasoup-client
// Device with the router's capabilities, opens one send and one receive transport, produces its
// microphone and camera, and consumes what the professional produces. Every mediasoup request goes to
// the platform as a `media` message of kind `sfu`; the data shapes are the `Sfu*` types below.
import { Device } from 'mediasoup-client';
import type {
  Consumer,
  ConsumerOptions,
  HandlerFactory,
  IceParameters,
  Producer,
  RtpCapabilities,
  Transport,
  TransportOptions,
} from 'mediasoup-client/types';
import type { InstrumentKind } from '../../contract/instrument';
import { iceServersForRtc, type SfuMethod } from '../../contract/platform-protocol';
import { err, ok, type Result } from '../../contract/result';
import { STETHOSCOPE_MAX_BITRATE } from './music-opus';
import { INSTRUMENT_VIDEO_ENCODING } from './instrument-bandwidth';
import { framesEncoded, VideoLinkBase, type VideoLink, type VideoLinkOptions } from './video-link';

/** `createTransport` request: one transport per direction; answers the transport's `TransportOptions`. */
export interface SfuCreateTransport {
  readonly direction: 'send' | 'recv';
}

/** `connectTransport` request: the cabin's DTLS parameters for a transport; answers null. */
export interface SfuConnectTransport {
  readonly transportId: string;
  readonly dtlsParameters: unknown;
}

/** `produce` request: one track sent on the send transport; answers `{ id }` of the new producer. */
export interface SfuProduce {
  readonly transportId: string;
  readonly kind: 'audio' | 'video';
  readonly rtpParameters: unknown;
  readonly appData: unknown;
}

/**
 * `consume` request: answers a list of `ConsumerOptions`, one per producer of the other side this
 * cabin does not consume yet, created paused (they start with `resumeConsumer`).
 */
export interface SfuConsume {
  readonly transportId: string;
  readonly rtpCapabilities: unknown;
}

/** `resumeConsumer` request: starts a consumer; answers null. */
export interface SfuResumeConsumer {
  readonly consumerId: string;
}

/** `restartIce` request: answers `{ iceParameters }` of the router's side of the transport. */
export interface SfuRestartIce {
  readonly transportId: string;
}

/** `closeProducer` request: the cabin stopped sending this track; answers null. */
export interface SfuCloseProducer {
  readonly producerId: string;
}

/** Options of SfuVideoLink; the defaults are the browser's. */
export interface SfuVideoLinkOptions extends VideoLinkOptions {
  /** mediasoup-client's handler (tests pass `FakeHandler.createFactory(fakeParameters)`); detected otherwise. */
  readonly handlerFactory?: HandlerFactory;
}

/** A failed SFU request, carried as an exception inside the link and turned back into a Result by `start`. */
class SfuRequestError extends Error {
  constructor(
    readonly method: SfuMethod,
    readonly code: string,
  ) {
    super(`sfu ${method}: ${code}`);
  }
}

/** The video link of SFU mode, over mediasoup-client. */
export class SfuVideoLink extends VideoLinkBase implements VideoLink {
  private readonly device: Device;
  private readonly producers = new Map<'audio' | 'video', Producer>();
  /** One producer per instrument sent, its `appData.instrument` naming it for the console. */
  private readonly instrumentProducers = new Map<InstrumentKind, Producer>();
  private readonly consumers = new Map<string, Consumer>();
  private readonly offProducerAdded: () => void;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  /** Consuming runs one request at a time, after the link is set up. */
  private consuming: Promise<void> = Promise.resolve();
  private ready = false;
  private audioOnly = false;

  constructor(private readonly options: SfuVideoLinkOptions) {
    super(options);
    this.device = new Device(
      options.handlerFactory === undefined ? undefined : { handlerFactory: options.handlerFactory },
    );
    this.offProducerAdded = options.signaling.onProducerAdded(() => {
      // Before the link is set up, `start` consumes everything there is once it is.
      if (this.ready) this.consumeNew();
    });
  }

  async start(local: MediaStream | null): Promise<Result<void>> {
    try {
      const routerRtpCapabilities = (await this.request('getRouterRtpCapabilities', {})) as RtpCapabilities;
      await this.device.load({ routerRtpCapabilities });
      if (this.closed) return { ok: true, value: undefined };
      this.sendTransport = this.device.createSendTransport(await this.transportOptions('send'));
      this.recvTransport = this.device.createRecvTransport(await this.transportOptions('recv'));
      if (this.closed) {
        this.closeTransports();
        return { ok: true, value: undefined };
      }
      this.wire(this.sendTransport);
      this.wire(this.recvTransport);
      this.sendTransport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const transportId = this.sendTransport?.id ?? '';
        const data: SfuProduce = { transportId, kind, rtpParameters, appData };
        this.request('produce', data).then((answer) => callback(answer as { id: string }), errback);
      });
      this.status.begin();
      for (const track of local?.getTracks() ?? []) {
        const kind = track.kind === 'video' ? 'video' : 'audio';
        if (this.producers.has(kind) || !this.device.canProduce(kind)) continue;
        // The tracks belong to the caller (the self view shows the camera): closing must not stop them.
        const producer = await this.sendTransport.produce({ track, stopTracks: false });
        this.producers.set(kind, producer);
      }
      this.ready = true;
      // What the professional already produces, then what the platform announces from now on.
      this.consumeNew();
      await this.consuming;
      return { ok: true, value: undefined };
    } catch (error) {
      if (error instanceof SfuRequestError) return { ok: false, error: { code: error.code } };
      return { ok: false, error: { code: 'media.sfuFailed' } };
    }
  }

  async receiveStats(): Promise<RTCStatsReport | null> {
    if (this.closed || this.recvTransport === null) return null;
    return this.recvTransport.getStats();
  }

  async restartIce(): Promise<void> {
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (transport !== null) await this.restartTransportIce(transport);
    }
  }

  async setAudioOnly(): Promise<void> {
    if (this.audioOnly || this.closed) return;
    this.audioOnly = true;
    const producer = this.producers.get('video');
    if (producer !== undefined) {
      this.producers.delete('video');
      producer.close();
      const data: SfuCloseProducer = { producerId: producer.id };
      await this.request('closeProducer', data).catch(() => undefined);
    }
    // The protocol has no request to pause a consumer: the cabin stops decoding the professional's video.
    for (const [id, consumer] of this.consumers) {
      if (consumer.kind !== 'video') continue;
      consumer.close();
      this.removeRemoteTrack(consumer.track);
      this.consumers.delete(id);
    }
    this.emitRemote();
  }

  async addInstrument(kind: InstrumentKind, track: MediaStreamTrack): Promise<Result<string>> {
    const transport = this.sendTransport;
    if (this.closed || !this.ready || transport === null) return err({ code: 'call.notJoined' });
    if (track.kind === 'video' && this.audioOnly) return err({ code: 'media.audioOnly' });
    await this.removeInstrument(kind);
    try {
      // The track belongs to the caller (the patient's preview): closing the producer must not stop it.
      const producer = await transport.produce({
        track,
        stopTracks: false,
        appData: { instrument: kind },
        ...(kind === 'stethoscope'
          ? {
              codecOptions: {
                opusStereo: true,
                opusDtx: false,
                opusMaxAverageBitrate: STETHOSCOPE_MAX_BITRATE,
              },
            }
          : { encodings: [INSTRUMENT_VIDEO_ENCODING] }),
      });
      if (this.closed) {
        producer.close();
        return err({ code: 'call.ended' });
      }
      this.instrumentProducers.set(kind, producer);
      return ok(producer.id);
    } catch (error) {
      if (error instanceof SfuRequestError) return err({ code: error.code });
      return err({ code: 'media.sfuFailed' });
    }
  }

  async instrumentFramesSent(kind: InstrumentKind): Promise<number | null> {
    const producer = this.instrumentProducers.get(kind);
    if (this.closed || kind === 'stethoscope' || producer === undefined) return null;
    return framesEncoded(await producer.getStats());
  }

  async removeInstrument(kind: InstrumentKind): Promise<void> {
    const producer = this.instrumentProducers.get(kind);
    if (producer === undefined) return;
    this.instrumentProducers.delete(kind);
    producer.close();
    const data: SfuCloseProducer = { producerId: producer.id };
    await this.request('closeProducer', data).catch(() => undefined);
  }

  protected override closeMedia(): void {
    this.offProducerAdded();
    this.closeTransports();
  }

  private closeTransports(): void {
    this.sendTransport?.close();
    this.recvTransport?.close();
  }

  /** Sends one SFU request; a refusal throws, to end the step that needed the answer. */
  private async request(method: SfuMethod, data: unknown): Promise<unknown> {
    const result = await this.options.signaling.send({ kind: 'sfu', method, data });
    if (!result.ok) throw new SfuRequestError(method, result.error.code);
    return result.value;
  }

  private async transportOptions(direction: 'send' | 'recv'): Promise<TransportOptions> {
    const data: SfuCreateTransport = { direction };
    const answer = (await this.request('createTransport', data)) as TransportOptions;
    return { ...answer, iceServers: iceServersForRtc(this.options.iceServers) };
  }

  /** DTLS set-up on first use, and the transport's state feeding the link's. */
  private wire(transport: Transport): void {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      const data: SfuConnectTransport = { transportId: transport.id, dtlsParameters };
      this.request('connectTransport', data).then(() => callback(), errback);
    });
    transport.on('connectionstatechange', () => this.observeConnection());
  }

  /** Consumes what the other side produces and this cabin does not consume yet, one request at a time. */
  private consumeNew(): void {
    this.consuming = this.consuming
      .then(async () => {
        const transport = this.recvTransport;
        if (this.closed || transport === null) return;
        const data: SfuConsume = {
          transportId: transport.id,
          rtpCapabilities: this.device.recvRtpCapabilities,
        };
        const list = (await this.request('consume', data)) as ConsumerOptions[];
        for (const options of list) {
          if (this.closed || this.consumers.has(options.id)) continue;
          // After the switch to sound only, new video stays paused on the router: it is never resumed.
          if (this.audioOnly && options.kind === 'video') continue;
          const consumer = await transport.consume(options);
          this.consumers.set(consumer.id, consumer);
          this.addRemoteTrack(consumer.track);
          const resume: SfuResumeConsumer = { consumerId: consumer.id };
          await this.request('resumeConsumer', resume);
        }
      })
      .catch(() => {
        // A refused consume is tried again with the next announced producer.
      });
  }

  private async restartTransportIce(transport: Transport): Promise<void> {
    if (this.closed || transport.closed) return;
    const data: SfuRestartIce = { transportId: transport.id };
    const answer = (await this.request('restartIce', data)) as { readonly iceParameters: IceParameters };
    await transport.restartIce({ iceParameters: answer.iceParameters });
  }

  /** While media does not flow: an ICE restart of each transport that lost its connection. */
  protected override async recover(): Promise<void> {
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (transport === null) continue;
      const state = transport.connectionState;
      if (state === 'disconnected' || state === 'failed') await this.restartTransportIce(transport);
    }
  }

  private observeConnection(): void {
    if (this.closed) return;
    // A transport not used yet (nothing to receive so far) stays `new` and does not count.
    const states = [this.sendTransport, this.recvTransport]
      .filter((transport) => transport !== null)
      .map((transport) => transport.connectionState)
      .filter((state) => state !== 'new');
    if (states.includes('failed')) this.status.set('failed');
    else if (states.includes('disconnected')) this.status.set('disconnected');
    else if (states.length > 0 && states.every((state) => state === 'connected'))
      this.status.set('connected');
  }
}
