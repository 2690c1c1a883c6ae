// A test double of RTCPeerConnection with the parts the direct link uses, same names and signatures:
// it keeps the signaling state as the browser does, records offers, candidates and removed senders,
// and lets a test play the network (connection states, gathered candidates, arriving tracks) and a
// refused remote description.
import type { PeerConnectionEvents, PeerConnectionLike } from '../video/direct-video-link';

/** A sender as the fake keeps it: its track (replaceable) and the maxBitrate its parameters were given. */
export interface FakeSender {
  track: MediaStreamTrack | null;
  /** The `maxBitrate` of the last `setParameters`, or null. */
  maxBitrate: number | null;
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
  getParameters(): RTCRtpSendParameters;
  setParameters(parameters: RTCRtpSendParameters): Promise<void>;
}

/**
 * A transceiver as the fake keeps it: a sender whose track can be removed or replaced, a receiver with its
 * track, and a mid given by the first offer set as local description (its index, as Chromium numbers them).
 */
export interface FakeTransceiver {
  direction: RTCRtpTransceiverDirection;
  mid: string | null;
  readonly sender: FakeSender;
  readonly receiver: { readonly track: { readonly kind: string } };
}

function fakeSender(track: MediaStreamTrack | null): FakeSender {
  const sender: FakeSender = {
    track,
    maxBitrate: null,
    replaceTrack: (next) => {
      sender.track = next;
      return Promise.resolve();
    },
    getParameters: () => ({
      encodings: [{}],
      transactionId: 't',
      codecs: [],
      headerExtensions: [],
      rtcp: {},
    }),
    setParameters: (parameters) => {
      sender.maxBitrate = parameters.encodings[0]?.maxBitrate ?? null;
      return Promise.resolve();
    },
  };
  return sender;
}

/** RTCPeerConnection as the direct link sees it, driven by a test. */
export class FakePeerConnection implements PeerConnectionLike {
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  remoteDescription: RTCSessionDescription | null = null;
  localDescription: RTCLocalSessionDescriptionInit | null = null;
  readonly transceivers: FakeTransceiver[] = [];
  /** The options of each createOffer, in order. */
  readonly offerOptions: (RTCOfferOptions | undefined)[] = [];
  readonly addedCandidates: RTCIceCandidateInit[] = [];
  readonly removedSenders: RTCRtpSender[] = [];
  /** Every remote description applied, in order. */
  readonly remoteDescriptions: RTCSessionDescriptionInit[] = [];
  /** The statistics getStats answers. */
  stats: RTCStatsReport = new Map();
  closed = false;
  /** The next setRemoteDescription is refused, as a browser refuses a changed DTLS certificate. */
  refuseNextRemoteDescription = false;
  private readonly listeners = new Map<keyof PeerConnectionEvents, ((event: never) => void)[]>();
  private offers = 0;

  constructor(readonly configuration: RTCConfiguration) {}

  addTrack(track: MediaStreamTrack): RTCRtpSender {
    return this.addTransceiver(track, { direction: 'sendrecv' }).sender;
  }

  addTransceiver(trackOrKind: MediaStreamTrack | string, init?: RTCRtpTransceiverInit): RTCRtpTransceiver {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver: FakeTransceiver = {
      direction: init?.direction ?? 'sendrecv',
      mid: null,
      sender: fakeSender(track),
      receiver: { track: { kind } },
    };
    this.transceivers.push(transceiver);
    return transceiver as unknown as RTCRtpTransceiver;
  }

  removeTrack(sender: RTCRtpSender): void {
    const transceiver = this.transceivers.find((candidate) => (candidate.sender as unknown) === sender);
    if (transceiver === undefined) throw new Error('InvalidAccessError: not a sender of this connection');
    transceiver.sender.track = null;
    if (transceiver.direction === 'sendrecv') transceiver.direction = 'recvonly';
    if (transceiver.direction === 'sendonly') transceiver.direction = 'inactive';
    this.removedSenders.push(sender);
  }

  getTransceivers(): RTCRtpTransceiver[] {
    return this.transceivers as unknown as RTCRtpTransceiver[];
  }

  createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit> {
    this.offerOptions.push(options);
    this.offers += 1;
    const media = this.transceivers.map(
      (transceiver) => `${transceiver.receiver.track.kind}:${transceiver.direction}`,
    );
    const restart = options?.iceRestart === true ? ' ice-restart' : '';
    return Promise.resolve({ type: 'offer', sdp: `offer ${this.offers}${restart} ${media.join(' ')}` });
  }

  createAnswer(): Promise<RTCSessionDescriptionInit> {
    if (this.signalingState !== 'have-remote-offer') return Promise.reject(new Error('InvalidStateError'));
    return Promise.resolve({ type: 'answer', sdp: 'cabin answer' });
  }

  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
    if (description?.type === 'offer') {
      this.signalingState = 'have-local-offer';
      this.transceivers.forEach((transceiver, index) => (transceiver.mid ??= String(index)));
    } else if (description?.type === 'answer') this.signalingState = 'stable';
    this.localDescription = description ?? null;
    return Promise.resolve();
  }

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (this.refuseNextRemoteDescription) {
      this.refuseNextRemoteDescription = false;
      return Promise.reject(new Error('InvalidAccessError: the remote DTLS fingerprint changed'));
    }
    if (description.type === 'answer') {
      if (this.signalingState !== 'have-local-offer') return Promise.reject(new Error('InvalidStateError'));
      this.signalingState = 'stable';
    } else if (description.type === 'offer') {
      if (this.signalingState !== 'stable') return Promise.reject(new Error('InvalidStateError'));
      this.signalingState = 'have-remote-offer';
    }
    this.remoteDescription = description as RTCSessionDescription;
    this.remoteDescriptions.push(description);
    return Promise.resolve();
  }

  addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
    if (this.remoteDescription === null) return Promise.reject(new Error('InvalidStateError'));
    if (candidate) this.addedCandidates.push(candidate);
    return Promise.resolve();
  }

  getStats(): Promise<RTCStatsReport> {
    return Promise.resolve(this.stats);
  }

  close(): void {
    this.closed = true;
    this.connectionState = 'closed';
    this.signalingState = 'closed';
  }

  addEventListener<K extends keyof PeerConnectionEvents>(
    type: K,
    listener: (event: PeerConnectionEvents[K]) => void,
  ): void {
    const list = this.listeners.get(type) ?? [];
    list.push(listener);
    this.listeners.set(type, list);
  }

  /** The network: the connection and ICE states change (both change events fire). */
  setConnectionState(connection: RTCPeerConnectionState, ice: RTCIceConnectionState): void {
    this.connectionState = connection;
    this.iceConnectionState = ice;
    this.emit('iceconnectionstatechange', new Event('iceconnectionstatechange'));
    this.emit('connectionstatechange', new Event('connectionstatechange'));
  }

  /** ICE gathered a local candidate (null: gathering finished). */
  gather(candidate: RTCIceCandidateInit | null): void {
    this.emit('icecandidate', { candidate } as unknown as RTCPeerConnectionIceEvent);
  }

  /** A remote track arrived in `stream`. */
  receiveTrack(track: MediaStreamTrack, stream: MediaStream): void {
    this.emit('track', { track, streams: [stream] } as unknown as RTCTrackEvent);
  }

  private emit<K extends keyof PeerConnectionEvents>(type: K, event: PeerConnectionEvents[K]): void {
    for (const listener of this.listeners.get(type) ?? [])
      (listener as (event: PeerConnectionEvents[K]) => void)(event);
  }
}
