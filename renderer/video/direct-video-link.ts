// Direct mode: one RTCPeerConnection between the cabin and the practitioner console, signaled through
// the controller and the platform. The cabin is the offerer (the console answers), including for ICE
// restarts and the switch to sound only; an offer from the console is answered unless it collides with
// the cabin's own (perfect negotiation, the cabin being the peer whose offer wins). When the console's
// description cannot apply to the connection (the console's page was reloaded: a new peer connection
// with a new DTLS certificate), the cabin starts over on a fresh connection with the same tracks.
// Examination instruments go on their own send-only transceivers (instrument-transceivers.ts).
import type { InstrumentKind } from '../../contract/instrument';
import { iceServersForRtc, type SignalPayload } from '../../contract/platform-protocol';
import { err, ok, type Result } from '../../contract/result';
import { shareWithInstrument } from './instrument-bandwidth';
import { InstrumentTransceivers } from './instrument-transceivers';
import {
  framesEncoded,
  VideoLinkBase,
  type VideoLink,
  type VideoLinkOptions,
  type VideoLinkState,
} from './video-link';

/** The events of RTCPeerConnection the link listens to. */
export interface PeerConnectionEvents {
  icecandidate: RTCPeerConnectionIceEvent;
  track: RTCTrackEvent;
  connectionstatechange: Event;
  iceconnectionstatechange: Event;
}

/** The part of RTCPeerConnection the link uses (same names and signatures), so tests can pass a fake. */
export interface PeerConnectionLike {
  readonly connectionState: RTCPeerConnectionState;
  readonly iceConnectionState: RTCIceConnectionState;
  readonly signalingState: RTCSignalingState;
  readonly remoteDescription: RTCSessionDescription | null;
  addTrack(track: MediaStreamTrack, ...streams: MediaStream[]): RTCRtpSender;
  addTransceiver(trackOrKind: MediaStreamTrack | string, init?: RTCRtpTransceiverInit): RTCRtpTransceiver;
  removeTrack(sender: RTCRtpSender): void;
  getTransceivers(): RTCRtpTransceiver[];
  createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit>;
  createAnswer(options?: RTCAnswerOptions): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void>;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void>;
  getStats(selector?: MediaStreamTrack | null): Promise<RTCStatsReport>;
  close(): void;
  addEventListener<K extends keyof PeerConnectionEvents>(
    type: K,
    listener: (event: PeerConnectionEvents[K]) => void,
  ): void;
}

/** Options of DirectVideoLink; the defaults are the browser's. */
export interface DirectVideoLinkOptions extends VideoLinkOptions {
  readonly createPeerConnection?: (configuration: RTCConfiguration) => PeerConnectionLike;
}

/**
 * The video link of direct mode: the cabin offers, the practitioner console answers; a description of
 * the console that a negotiated connection refuses makes the link start over on a fresh connection.
 */
export class DirectVideoLink extends VideoLinkBase implements VideoLink {
  private readonly createPeerConnection: (configuration: RTCConfiguration) => PeerConnectionLike;
  private pc: PeerConnectionLike;
  /** The camera and microphone given to `start`, sent again by a fresh connection. */
  private local: MediaStream | null = null;
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];
  private readonly offSignal: () => void;
  /** Signaling and negotiation run one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  private makingOffer = false;
  private ignoredOffer = false;
  private negotiationWanted = false;
  /** The last offer did not reach the platform: the next recovery sends a new one. */
  private offerLost = false;
  /** Recoveries skipped while an answer is awaited (the answer gets one interval before a new offer). */
  private answerWaits = 0;
  private audioOnly = false;
  /** The instrument transceivers, in the order they were created (a fresh connection adds them so). */
  private readonly instruments = new InstrumentTransceivers();

  constructor(private readonly options: DirectVideoLinkOptions) {
    super(options);
    this.createPeerConnection =
      options.createPeerConnection ?? ((configuration) => new RTCPeerConnection(configuration));
    this.pc = this.connect();
    // Listening from construction: an answer may come back before `start` returns.
    this.offSignal = options.signaling.onSignal((payload) => {
      void this.serialize(() => this.receive(payload));
    });
  }

  async start(local: MediaStream | null): Promise<Result<void>> {
    this.local = local;
    this.addTracks();
    this.status.begin();
    let outcome: Result<void> = { ok: true, value: undefined };
    await this.serialize(async () => {
      outcome = await this.offer('renegotiate');
    });
    return outcome;
  }

  async receiveStats(): Promise<RTCStatsReport | null> {
    if (this.closed) return null;
    return this.pc.getStats();
  }

  restartIce(): Promise<void> {
    return this.serialize(async () => {
      await this.offer('iceRestart');
    });
  }

  setAudioOnly(): Promise<void> {
    return this.serialize(async () => {
      if (this.audioOnly || this.closed) return;
      this.audioOnly = true;
      for (const transceiver of this.pc.getTransceivers()) {
        const kind = transceiver.sender.track?.kind ?? transceiver.receiver.track.kind;
        if (kind !== 'video') continue;
        // The camera track stays with its owner (the self view); only its sending stops.
        if (transceiver.sender.track !== null) this.pc.removeTrack(transceiver.sender);
        // Receiving stops too: the answer turns the console's video sending off.
        transceiver.direction = 'inactive';
      }
      await this.offer('renegotiate');
    });
  }

  async addInstrument(kind: InstrumentKind, track: MediaStreamTrack): Promise<Result<string>> {
    let outcome: Result<string> = err({ code: 'call.ended' });
    await this.serialize(async () => {
      outcome = await this.sendInstrument(kind, track);
    });
    return outcome;
  }

  removeInstrument(kind: InstrumentKind): Promise<void> {
    return this.serialize(async () => {
      if (this.closed) return;
      await this.instruments.detach(kind);
      await this.shareFaceWithInstrument();
    });
  }

  async instrumentFramesSent(kind: InstrumentKind): Promise<number | null> {
    const track = this.instruments.track(kind);
    if (this.closed || kind === 'stethoscope' || track === null) return null;
    return framesEncoded(await this.pc.getStats(track));
  }

  /** The face's video gets its small share while an instrument camera is on, its own otherwise. */
  private async shareFaceWithInstrument(): Promise<void> {
    const beside = this.instruments.cameraOn();
    for (const transceiver of this.pc.getTransceivers()) {
      if (this.instruments.owns(transceiver) || transceiver.sender.track?.kind !== 'video') continue;
      await shareWithInstrument(transceiver.sender, beside);
    }
  }

  /** Puts an instrument on its transceiver; a new one is offered at once, so that its mid is known. */
  private async sendInstrument(kind: InstrumentKind, track: MediaStreamTrack): Promise<Result<string>> {
    if (this.closed) return err({ code: 'call.ended' });
    if (kind !== 'stethoscope' && this.audioOnly) return err({ code: 'media.audioOnly' });
    if (await this.instruments.attach(this.pc, kind, track)) {
      // An offer waiting for its answer is replaced.
      const sent = await this.offer(this.pc.signalingState === 'have-local-offer' ? 'resend' : 'renegotiate');
      if (!sent.ok) return sent;
    }
    if (kind === 'stethoscope') await this.instruments.limitStethoscope();
    else await this.shareFaceWithInstrument();
    const mid = this.instruments.mid(kind);
    return mid === null ? err({ code: 'media.instrumentPending' }) : ok(mid);
  }

  protected override closeMedia(): void {
    this.offSignal();
    this.pc.close();
  }

  /** A new peer connection whose events reach the link while it is the link's current one. */
  private connect(): PeerConnectionLike {
    const pc = this.createPeerConnection({ iceServers: iceServersForRtc(this.options.iceServers) });
    const current = (): boolean => pc === this.pc;
    pc.addEventListener('icecandidate', (event) => {
      if (current()) this.sendCandidate(event.candidate);
    });
    pc.addEventListener('track', (event) => {
      if (current()) this.receiveTrack(event);
    });
    pc.addEventListener('connectionstatechange', () => {
      if (current()) this.observeConnection();
    });
    pc.addEventListener('iceconnectionstatechange', () => {
      if (current()) this.observeConnection();
    });
    return pc;
  }

  /** Adds the local tracks to the connection: audio, then video (not sent in sound only). */
  private addTracks(): void {
    const local = this.local;
    const tracks = local?.getTracks() ?? [];
    for (const kind of ['audio', 'video'] as const) {
      const track = tracks.find((candidate) => candidate.kind === kind);
      if (kind === 'video' && this.audioOnly) this.pc.addTransceiver(kind, { direction: 'inactive' });
      else if (track !== undefined && local !== null) this.pc.addTrack(track, local);
      // Without this device the cabin still receives the professional's track of this kind.
      else this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
  }

  /**
   * Applies a description of the console. A connection that negotiated before and refuses it now faces
   * a new connection on the console's side (a changed DTLS certificate cannot renegotiate): the link
   * starts over and answers false. A fresh connection that refuses it throws (the description is bad).
   */
  private async applyRemote(description: RTCSessionDescriptionInit): Promise<boolean> {
    const negotiated = this.pc.remoteDescription !== null;
    try {
      await this.pc.setRemoteDescription(this.instruments.musicFit(description));
      return true;
    } catch (error) {
      if (!negotiated) throw error;
      await this.startOver();
      return false;
    }
  }

  /** Replaces the connection with a fresh one carrying the same tracks, and offers from it. */
  private async startOver(): Promise<void> {
    this.pc.close();
    this.pc = this.connect();
    this.pendingCandidates.length = 0;
    this.ignoredOffer = false;
    this.negotiationWanted = false;
    this.offerLost = false;
    this.forgetRemoteStream();
    this.addTracks();
    this.instruments.addTo(this.pc, this.audioOnly);
    // The old connection's media is gone: the link is stopped until the fresh one connects.
    if (this.state() === 'connected') this.status.set('disconnected');
    await this.offer('renegotiate');
    await this.instruments.limitStethoscope();
    await this.shareFaceWithInstrument();
  }

  /** Runs one signaling step after the previous ones; a step that throws does not stop the next. */
  private serialize(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step).catch(() => {
      // A description or candidate the browser refuses (stale, from a replaced offer) is dropped: the
      // recovery loop sends a new offer if media does not flow.
    });
    this.queue = next;
    return next;
  }

  /**
   * Creates and sends an offer. A renegotiation waits while an earlier offer waits for its answer; a
   * resend replaces that offer (same ICE credentials); an ICE restart replaces it with new ones.
   */
  private async offer(kind: 'renegotiate' | 'resend' | 'iceRestart'): Promise<Result<void>> {
    if (this.closed) return { ok: true, value: undefined };
    if (kind === 'renegotiate' && this.pc.signalingState !== 'stable' && !this.offerLost) {
      this.negotiationWanted = true;
      return { ok: true, value: undefined };
    }
    this.negotiationWanted = false;
    this.makingOffer = true;
    let sdp: string;
    try {
      const offer = await this.pc.createOffer(kind === 'iceRestart' ? { iceRestart: true } : undefined);
      await this.pc.setLocalDescription(offer);
      sdp = offer.sdp ?? '';
    } finally {
      this.makingOffer = false;
    }
    this.answerWaits = 0;
    const sent = await this.options.signaling.send({
      kind: 'signal',
      payload: { kind: 'description', description: { type: 'offer', sdp } },
    });
    this.offerLost = !sent.ok;
    return sent.ok ? { ok: true, value: undefined } : { ok: false, error: sent.error };
  }

  private async receive(payload: SignalPayload): Promise<void> {
    if (this.closed) return;
    if (payload.kind === 'candidate') {
      const { candidate, sdpMid, sdpMLineIndex } = payload.candidate;
      // An empty candidate only says the other side finished gathering.
      if (candidate === '') return;
      const init: RTCIceCandidateInit = { candidate, sdpMid, sdpMLineIndex };
      if (this.pc.remoteDescription === null) {
        this.pendingCandidates.push(init);
        return;
      }
      try {
        await this.pc.addIceCandidate(init);
      } catch (error) {
        // Candidates of an offer the cabin ignored are expected to fail.
        if (!this.ignoredOffer) throw error;
      }
      return;
    }
    const { description } = payload;
    if (description.type === 'answer') {
      // An answer to an offer already replaced (or a duplicate) has nothing to apply to.
      if (this.pc.signalingState !== 'have-local-offer') return;
      if (!(await this.applyRemote(description))) return;
      this.answerWaits = 0;
      await this.addPendingCandidates();
      if (this.negotiationWanted) await this.offer('renegotiate');
      return;
    }
    // An offer from the console: refused when it collides with the cabin's own, which wins.
    const collision = this.makingOffer || this.pc.signalingState !== 'stable';
    this.ignoredOffer = collision;
    if (collision) return;
    if (!(await this.applyRemote(description))) return;
    await this.addPendingCandidates();
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    await this.options.signaling.send({
      kind: 'signal',
      payload: { kind: 'description', description: { type: 'answer', sdp: answer.sdp ?? '' } },
    });
  }

  private async addPendingCandidates(): Promise<void> {
    const waiting = this.pendingCandidates.splice(0);
    for (const candidate of waiting) {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch {
        // A candidate of an older ICE generation; the current ones follow.
      }
    }
  }

  /**
   * One recovery step while media does not flow. Setting up: resend an offer that got lost or got no
   * answer. Stopped: restart ICE. An offer waiting for its answer gets one interval before it is replaced,
   * so that a late answer does not meet a newer offer.
   */
  protected override recover(): Promise<void> {
    return this.serialize(async () => {
      if (this.closed) return;
      const stopped = this.state() === 'disconnected' || this.state() === 'failed';
      const awaitingAnswer = this.pc.signalingState === 'have-local-offer' && !this.offerLost;
      if (!stopped && !awaitingAnswer && !this.offerLost) return; // ICE is at work
      if (awaitingAnswer && this.answerWaits < 1) {
        this.answerWaits += 1;
        return;
      }
      await this.offer(stopped ? 'iceRestart' : 'resend');
    });
  }

  private sendCandidate(candidate: RTCIceCandidate | null): void {
    // A null candidate ends gathering: nothing to tell the console.
    if (this.closed || candidate === null || candidate.candidate === '') return;
    void this.options.signaling.send({
      kind: 'signal',
      payload: {
        kind: 'candidate',
        candidate: {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
        },
      },
    });
  }

  private receiveTrack(event: RTCTrackEvent): void {
    if (this.closed) return;
    const stream = event.streams[0];
    if (stream !== undefined) this.adoptRemoteStream(stream);
    else this.addRemoteTrack(event.track);
  }

  private observeConnection(): void {
    if (this.closed) return;
    const next = linkStateOf(this.pc.connectionState, this.pc.iceConnectionState);
    if (next !== null) this.status.set(next);
  }
}

/**
 * The link state a peer connection's states mean, or null for "no change" (new, connecting, checking:
 * an ICE restart in progress leaves a stopped link stopped until media flows).
 */
export function linkStateOf(
  connection: RTCPeerConnectionState | undefined,
  ice: RTCIceConnectionState,
): VideoLinkState | null {
  switch (connection) {
    case 'connected':
      return 'connected';
    case 'disconnected':
      return 'disconnected';
    case 'failed':
      return 'failed';
    case 'closed':
      return null;
    case 'new':
    case 'connecting':
      // DTLS may still be setting up over a connected ICE: only a broken ICE says something here.
      return ice === 'failed' ? 'failed' : ice === 'disconnected' ? 'disconnected' : null;
    case undefined:
      // A browser without connectionState: ICE alone tells.
      if (ice === 'connected' || ice === 'completed') return 'connected';
      return ice === 'failed' ? 'failed' : ice === 'disconnected' ? 'disconnected' : null;
  }
}
