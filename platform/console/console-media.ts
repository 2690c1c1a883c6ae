// The practitioner's side of the call's media, behind one small interface for both ways media flows:
// direct mode (the cabin offers, the console answers over `signal`) and SFU mode (mediasoup-client over
// `sfu.request`). Also the camera and microphone, and what the inbound statistics say is received.
import type { Device, types as mediasoup } from 'mediasoup-client';
import type { MediaReception, SfuMethod, SignalPayload } from '../../contract/platform-protocol';
import type { CallMedia, IceServer } from '../../contract/platform-protocol';
import type { CabinError, Result } from '../../contract/result';
import { isRecord } from '../../contract/schema';

/** Counters of what arrived so far on the inbound streams, summed over the streams of each kind. */
export interface InboundCounters {
  readonly framesDecoded: number;
  readonly audioPacketsReceived: number;
  readonly audioSamplesReceived: number;
}

/** The media of one call on the practitioner's side. */
export interface ConsoleMedia {
  /** Direct mode: a description or candidate the cabin sent (ignored in SFU mode). */
  handleSignal(payload: SignalPayload): void;
  /** SFU mode: the cabin published a track to consume (ignored in direct mode). */
  handleProducerAdded(): void;
  /** The inbound counters now, or null while nothing can be read. */
  readInbound(): Promise<InboundCounters | null>;
  /** Stops receiving and sending; the local tracks belong to the caller and are not stopped. */
  close(): void;
}

/** Why the call's media failed, for the practitioner's screen. */
export type MediaFailure = 'media.negotiationFailed' | 'media.sfuFailed';

/** What both implementations are started with. */
export interface CallMediaOptions {
  readonly callMedia: CallMedia;
  /** The camera and microphone, once open (null when the call goes on without them). */
  readonly local: Promise<MediaStream | null>;
  /** Sends a `signal` to the cabin (direct mode). */
  sendSignal(payload: SignalPayload): void;
  /** Sends one `sfu.request` and answers its result (SFU mode). */
  sfuRequest(method: SfuMethod, data: unknown): Promise<Result<unknown, CabinError>>;
  /** The patient's audio and video, as one stream for the video element (called again when it changes). */
  onRemoteStream(stream: MediaStream): void;
  /** The media could not be set up; the call itself goes on. */
  onFailure(failure: MediaFailure): void;
}

/** What the camera and microphone gave: a stream, and what is missing. */
export interface LocalMedia {
  readonly stream: MediaStream | null;
  /** null when both camera and microphone are open. */
  readonly problem: LocalMediaProblem | null;
}

/** What is missing of the practitioner's own camera and microphone. */
export type LocalMediaProblem = 'denied' | 'unavailable' | 'noCamera' | 'noMicrophone';

/** How the console gets media: the browser's in the page, a fake in tests. */
export interface MediaFactory {
  /** Opens the camera and the microphone (never rejects: a refusal is a LocalMedia with a problem). */
  openLocal(): Promise<LocalMedia>;
  /** Starts the media of one call, in the mode the platform chose. */
  start(options: CallMediaOptions): ConsoleMedia;
}

// ----------------------------------------------------------------------------------------- reception

/** Sums the inbound-rtp entries of a getStats report into counters. */
export function inboundCounters(report: RTCStatsReport): InboundCounters {
  let framesDecoded = 0;
  let audioPacketsReceived = 0;
  let audioSamplesReceived = 0;
  report.forEach((stats: unknown) => {
    if (!isRecord(stats) || stats.type !== 'inbound-rtp') return;
    const count = (value: unknown): number => (typeof value === 'number' ? value : 0);
    if (stats.kind === 'video') framesDecoded += count(stats.framesDecoded);
    if (stats.kind === 'audio') {
      audioPacketsReceived += count(stats.packetsReceived);
      audioSamplesReceived += count(stats.totalSamplesReceived);
    }
  });
  return { framesDecoded, audioPacketsReceived, audioSamplesReceived };
}

/** What is received now: video when frames were decoded since `previous`, audio when packets or samples came. */
export function receptionBetween(
  previous: InboundCounters | null,
  current: InboundCounters | null,
): MediaReception {
  if (previous === null || current === null) return { audio: false, video: false };
  return {
    video: current.framesDecoded > previous.framesDecoded,
    audio:
      current.audioPacketsReceived > previous.audioPacketsReceived ||
      current.audioSamplesReceived > previous.audioSamplesReceived,
  };
}

// ----------------------------------------------------------------------------------------- local media

/** The constraints of the practitioner's camera: a consultation needs a face, not a film. */
const CAMERA: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };

/** Opens camera and microphone, then the camera alone, then the microphone alone, and says what is missing. */
export async function openLocalMedia(devices: MediaDevices | undefined): Promise<LocalMedia> {
  if (devices === undefined || typeof devices.getUserMedia !== 'function') {
    return { stream: null, problem: 'unavailable' };
  }
  let denied = false;
  const attempt = async (constraints: MediaStreamConstraints): Promise<MediaStream | null> => {
    try {
      return await devices.getUserMedia(constraints);
    } catch (error) {
      if (error instanceof Error && error.name === 'NotAllowedError') denied = true;
      return null;
    }
  };
  const both = await attempt({ audio: true, video: CAMERA });
  if (both !== null) return { stream: both, problem: null };
  const cameraOnly = await attempt({ video: CAMERA });
  if (cameraOnly !== null) return { stream: cameraOnly, problem: 'noMicrophone' };
  const microphoneOnly = await attempt({ audio: true });
  if (microphoneOnly !== null) return { stream: microphoneOnly, problem: 'noCamera' };
  return { stream: null, problem: denied ? 'denied' : 'unavailable' };
}

function rtcIceServers(servers: readonly IceServer[]): RTCIceServer[] {
  return servers.map((server) => ({
    urls: [...server.urls],
    ...(server.username === undefined ? {} : { username: server.username }),
    ...(server.credential === undefined ? {} : { credential: server.credential }),
  }));
}

// ----------------------------------------------------------------------------------------- direct mode

/** The part of RTCPeerConnection the answerer uses, so tests can pass a double. */
export interface PeerConnectionLike {
  ontrack: ((event: RTCTrackEvent) => void) | null;
  onicecandidate: ((event: RTCPeerConnectionIceEvent) => void) | null;
  readonly remoteDescription: RTCSessionDescription | null;
  readonly localDescription: RTCSessionDescription | null;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  createAnswer(): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void>;
  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void>;
  addTrack(track: MediaStreamTrack, ...streams: MediaStream[]): unknown;
  getStats(): Promise<RTCStatsReport>;
  close(): void;
}

/** The DTLS fingerprint of a session description (its first `a=fingerprint` line), or null. */
function dtlsFingerprint(sdp: string | undefined): string | null {
  return /^a=fingerprint:(.+)$/m.exec(sdp ?? '')?.[1]?.trim() ?? null;
}

/**
 * Direct mode: the cabin offers, the console answers, on one peer connection while the cabin keeps
 * its own. An offer from a new connection of the cabin (its page was reloaded: another DTLS
 * certificate), or one the negotiated connection refuses, is answered from a fresh connection.
 */
export class DirectAnswerer implements ConsoleMedia {
  #pc: PeerConnectionLike;
  readonly #options: CallMediaOptions;
  readonly #createPeerConnection: (configuration: RTCConfiguration) => PeerConnectionLike;
  readonly #createStream: (tracks: MediaStreamTrack[]) => MediaStream;
  /** Signals are handled one after the other: a candidate must not overtake its offer. */
  #chain: Promise<void> = Promise.resolve();
  #early: RTCIceCandidateInit[] = [];
  #tracksAdded = false;
  #remote: MediaStream | null = null;
  #closed = false;

  /** Creates the peer connection at once; nothing is sent before the cabin's first offer. */
  constructor(
    options: CallMediaOptions,
    createPeerConnection: (configuration: RTCConfiguration) => PeerConnectionLike,
    createStream: (tracks: MediaStreamTrack[]) => MediaStream,
  ) {
    this.#options = options;
    this.#createPeerConnection = createPeerConnection;
    this.#createStream = createStream;
    this.#pc = this.#connect();
  }

  handleSignal(payload: SignalPayload): void {
    if (this.#closed) return;
    this.#chain = this.#chain.then(() => this.#apply(payload)).catch(() => this.#failed());
  }

  handleProducerAdded(): void {
    // Direct mode has no producers.
  }

  async readInbound(): Promise<InboundCounters | null> {
    if (this.#closed) return null;
    return inboundCounters(await this.#pc.getStats());
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release(this.#pc);
  }

  /** A new peer connection whose candidates and tracks count while it is the answerer's current one. */
  #connect(): PeerConnectionLike {
    const pc = this.#createPeerConnection({ iceServers: rtcIceServers(this.#options.callMedia.iceServers) });
    pc.onicecandidate = (event) => {
      const candidate = event.candidate;
      // null (and the empty candidate) mark the end of gathering: nothing to relay.
      if (this.#closed || pc !== this.#pc || candidate === null || candidate.candidate === '') return;
      this.#options.sendSignal({
        kind: 'candidate',
        candidate: {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
        },
      });
    };
    pc.ontrack = (event) => {
      if (this.#closed || pc !== this.#pc) return;
      const stream = event.streams[0];
      if (stream !== undefined) {
        if (stream === this.#remote) return;
        this.#remote = stream;
      } else if (this.#remote === null) {
        this.#remote = this.#createStream([event.track]);
      } else {
        this.#remote.addTrack(event.track);
        return;
      }
      this.#options.onRemoteStream(this.#remote);
    };
    return pc;
  }

  #release(pc: PeerConnectionLike): void {
    pc.ontrack = null;
    pc.onicecandidate = null;
    pc.close();
  }

  /** Replaces the connection with a fresh one; its answer takes the local tracks again. */
  #startOver(): void {
    this.#release(this.#pc);
    this.#pc = this.#connect();
    this.#tracksAdded = false;
    this.#remote = null;
  }

  /**
   * Applies the cabin's offer: on a fresh connection when it comes from another connection of the
   * cabin (another DTLS fingerprint) or when the negotiated connection refuses it. A fresh connection
   * that refuses it throws: the offer itself is at fault.
   */
  async #applyOffer(sdp: string): Promise<void> {
    const offer: RTCSessionDescriptionInit = { type: 'offer', sdp };
    const current = dtlsFingerprint(this.#pc.remoteDescription?.sdp);
    const offered = dtlsFingerprint(sdp);
    if (current !== null && offered !== null && current !== offered) this.#startOver();
    try {
      await this.#pc.setRemoteDescription(offer);
    } catch (error) {
      if (this.#pc.remoteDescription === null) throw error;
      this.#startOver();
      await this.#pc.setRemoteDescription(offer);
    }
  }

  async #apply(payload: SignalPayload): Promise<void> {
    if (this.#closed) return;
    if (payload.kind === 'candidate') {
      if (payload.candidate.candidate === '') return;
      if (this.#pc.remoteDescription === null) {
        this.#early.push(payload.candidate);
        return;
      }
      await this.#addCandidate(payload.candidate);
      return;
    }
    // The console never offers, so an answer from the cabin means nothing here.
    if (payload.description.type !== 'offer') return;
    // An offer with new ICE credentials (the cabin restarting ICE) renegotiates the same connection.
    await this.#applyOffer(payload.description.sdp);
    if (!this.#tracksAdded) {
      this.#tracksAdded = true;
      const local = await this.#options.local;
      if (this.#closed) return;
      // Added after the offer, the tracks take the transceivers the offer created: no new m-lines.
      if (local !== null) for (const track of local.getTracks()) this.#pc.addTrack(track, local);
    }
    const answer = await this.#pc.createAnswer();
    await this.#pc.setLocalDescription(answer);
    if (this.#closed) return;
    const sdp = this.#pc.localDescription?.sdp ?? answer.sdp ?? '';
    this.#options.sendSignal({ kind: 'description', description: { type: 'answer', sdp } });
    const early = this.#early;
    this.#early = [];
    for (const candidate of early) await this.#addCandidate(candidate);
  }

  async #addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.#pc.addIceCandidate(candidate);
    } catch {
      // A candidate of an earlier ICE generation (after a restart) is refused: it is stale, not a fault.
    }
  }

  #failed(): void {
    if (!this.#closed) this.#options.onFailure('media.negotiationFailed');
  }
}

// ------------------------------------------------------------------------------------------- SFU mode

/** The consumer parameters the platform answers to `consume`. */
interface ConsumerParameters {
  readonly id: string;
  readonly producerId: string;
  readonly kind: 'audio' | 'video';
  readonly rtpParameters: mediasoup.RtpParameters;
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
 * consumer parameters[], resumeConsumer {consumerId}, restartIce {transportId} → iceParameters.
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
    const iceServers = rtcIceServers(this.#options.callMedia.iceServers);

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
      const consumer = await recv.consume({
        id: parameters.id,
        producerId: parameters.producerId,
        kind: parameters.kind,
        rtpParameters: parameters.rtpParameters,
      });
      this.#remoteTracks.push(consumer.track);
      this.#options.onRemoteStream(this.#createStream([...this.#remoteTracks]));
      await this.#call('resumeConsumer', { consumerId: parameters.id });
    }
  }

  #failed(): void {
    if (!this.#closed) this.#options.onFailure('media.sfuFailed');
  }
}

// --------------------------------------------------------------------------------------- the browser

/** The browser's media: getUserMedia, RTCPeerConnection, and mediasoup-client loaded only in SFU mode. */
export function browserMediaFactory(): MediaFactory {
  const createStream = (tracks: MediaStreamTrack[]): MediaStream => new MediaStream(tracks);
  return {
    openLocal: () => openLocalMedia(navigator.mediaDevices),
    start(options) {
      if (options.callMedia.mode === 'direct') {
        return new DirectAnswerer(
          options,
          (configuration) => new RTCPeerConnection(configuration),
          createStream,
        );
      }
      return new SfuPeer(
        options,
        async () => {
          const { Device: MediasoupDevice } = await import('mediasoup-client');
          return new MediasoupDevice();
        },
        createStream,
      );
    },
  };
}
