// Direct mode of the practitioner's call media: the cabin offers, the console answers over `signal`, on
// one peer connection (a fresh one when the cabin's page was reloaded or the negotiation broke).
import { iceServersForRtc, type SignalPayload } from '../../contract/platform-protocol';
import {
  inboundCounters,
  trackFramesDecoded,
  type CallMediaOptions,
  type ConsoleMedia,
  type InboundCounters,
} from './console-media';

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

/** The `a=mid` values of a session description, in the order of its media sections. */
export function sectionMids(sdp: string | undefined): string[] {
  return [...(sdp ?? '').matchAll(/^a=mid:(\S+)/gm)].map((match) => match[1] ?? '');
}

/** How many media sections of the cabin's offer carry the patient's face: its audio and its video, first. */
const FACE_SECTIONS = 2;

/** The Opus parameters of the stethoscope's section: stereo, a music bitrate (the encoder's voice mode off). */
export const STETHOSCOPE_OPUS: Readonly<Record<string, string>> = {
  stereo: '1',
  'sprop-stereo': '1',
  maxaveragebitrate: '128000',
};

/**
 * The console's answer with the Opus of every instrument's audio section (a section after the face's two
 * in the offer) asking for the stethoscope's stereo and bitrate: the cabin's encoder follows it.
 */
export function musicFitAnswer(answer: string, offer: string): string {
  const face = new Set(sectionMids(offer).slice(0, FACE_SECTIONS));
  const eol = answer.includes('\r\n') ? '\r\n' : '\n';
  const sections = answer.split(/(?=^m=)/m);
  return sections
    .map((section) => {
      const mid = /^a=mid:(\S+)/m.exec(section)?.[1];
      if (!section.startsWith('m=audio') || mid === undefined || face.has(mid)) return section;
      const payload = /^a=rtpmap:(\d+) opus\/48000/im.exec(section)?.[1];
      if (payload === undefined) return section;
      const fmtp = new RegExp(`^a=fmtp:${payload} (.*)$`, 'm');
      const current = fmtp.exec(section)?.[1]?.trim() ?? '';
      const parameters = new Map(
        current
          .split(';')
          .filter((pair) => pair.includes('='))
          .map((pair) => {
            const [key = '', ...rest] = pair.split('=');
            return [key.trim(), rest.join('=').trim()] as const;
          }),
      );
      for (const [key, value] of Object.entries(STETHOSCOPE_OPUS)) parameters.set(key, value);
      const line = `a=fmtp:${payload} ${[...parameters].map(([key, value]) => `${key}=${value}`).join(';')}`;
      if (fmtp.test(section)) return section.replace(fmtp, line);
      return section.replace(new RegExp(`^(a=rtpmap:${payload} .*)$`, 'm'), `$1${eol}${line}`);
    })
    .join('');
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

  async readTrackFrames(tag: string): Promise<number | null> {
    if (this.#closed) return null;
    return trackFramesDecoded(await this.#pc.getStats(), { mid: tag });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release(this.#pc);
  }

  /** A new peer connection whose candidates and tracks count while it is the answerer's current one. */
  #connect(): PeerConnectionLike {
    const pc = this.#createPeerConnection({
      iceServers: iceServersForRtc(this.#options.callMedia.iceServers),
    });
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
      // A section after the face's audio and video is an instrument's: its own track, never the face's.
      const mid = (event.transceiver as RTCRtpTransceiver | undefined)?.mid ?? null;
      if (mid !== null && sectionMids(pc.remoteDescription?.sdp).indexOf(mid) >= FACE_SECTIONS) {
        this.#options.onInstrumentTrack(mid, event.track);
        return;
      }
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
      // addTrack takes the first free transceiver of the track's kind: the face's, first in the offer.
      if (local !== null) for (const track of local.getTracks()) this.#pc.addTrack(track, local);
    }
    const answer = await this.#pc.createAnswer();
    await this.#pc.setLocalDescription(answer);
    if (this.#closed) return;
    const sdp = musicFitAnswer(this.#pc.localDescription?.sdp ?? answer.sdp ?? '', payload.description.sdp);
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
