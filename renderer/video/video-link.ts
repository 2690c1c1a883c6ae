// The cabin's video link, whichever way media flows (the platform's SFU or directly to the practitioner
// console): one interface for the screens, one signaling port over the controller, the recovery loop
// both kinds share (report the link's state, restart ICE every few seconds until media flows again) and
// the base class both links extend (the state, the professional's stream and their listeners).
import type { MediaLinkState, MediaUp } from '../../contract/cabin-api';
import { every, type Cancel, type Clock } from '../../contract/clock';
import type { InstrumentKind } from '../../contract/instrument';
import type { IceServer, SignalPayload } from '../../contract/platform-protocol';
import type { Result } from '../../contract/result';
import type { CabinTransport } from '../cabin-client';

/** The frames encoded of the outbound video in a statistics report (summed), or null when it has none. */
export function framesEncoded(report: RTCStatsReport): number | null {
  let frames: number | null = null;
  report.forEach((stats: { type?: string; kind?: string; framesEncoded?: number }) => {
    if (stats.type !== 'outbound-rtp' || stats.kind !== 'video') return;
    frames = (frames ?? 0) + (stats.framesEncoded ?? 0);
  });
  return frames;
}

/** Where the link stands: setting up, media flowing, media stopped (recovering), or given up. */
export type VideoLinkState = 'connecting' | 'connected' | 'disconnected' | 'failed';

/** The cabin's end of the call's media, started once the platform has joined the call. */
export interface VideoLink {
  /**
   * Sends the camera and microphone of `local` and starts receiving the professional's media; with
   * `null` (neither device opened) the link only receives. Answers a failure when signaling fails.
   */
  start(local: MediaStream | null): Promise<Result<void>>;
  /** The link's current state. */
  state(): VideoLinkState;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onStateChange(listener: (state: VideoLinkState) => void): () => void;
  /** The professional's audio and video as one stream, once a first track arrived. */
  remoteStream(): MediaStream | null;
  /** Subscribes to the remote stream (called again when its tracks change); returns the unsubscribe function. */
  onRemoteStream(listener: (stream: MediaStream) => void): () => void;
  /** The statistics of what the link receives (inbound RTP), or null before there is anything to read. */
  receiveStats(): Promise<RTCStatsReport | null>;
  /** Restarts ICE now; the link also does it by itself while media is stopped. */
  restartIce(): Promise<void>;
  /** Stops sending and receiving video for the rest of the call, keeping the sound. */
  setAudioOnly(): Promise<void>;
  /**
   * Sends an examination instrument's track beside the face camera and microphone (a camera replaces
   * the camera instrument sent before); answers the media tag the console knows it by (direct mode:
   * its transceiver's mid; SFU mode: its producer's id). The track stays with its owner.
   */
  addInstrument(kind: InstrumentKind, track: MediaStreamTrack): Promise<Result<string>>;
  /** Stops sending this instrument (nothing when it is not sent); the track stays with its owner. */
  removeInstrument(kind: InstrumentKind): Promise<void>;
  /**
   * The frames of an instrument camera encoded so far (its outbound statistics), or null when they
   * cannot be read (not sent, not a camera, no statistics yet).
   */
  instrumentFramesSent(kind: InstrumentKind): Promise<number | null>;
  /** Ends the link: no more media, events or messages. Leaves the local tracks to their owner. */
  close(): void;
}

/** The video link's way to the platform, through the controller. */
export interface MediaSignaling {
  /** Sends one message; an SFU request answers the SFU's data, the others null. */
  send(message: MediaUp): Promise<Result<unknown>>;
  /** Subscribes to the professional side's signaling (direct mode); returns the unsubscribe function. */
  onSignal(listener: (payload: SignalPayload) => void): () => void;
  /** Subscribes to "the professional published a track" (SFU mode); returns the unsubscribe function. */
  onProducerAdded(listener: () => void): () => void;
}

/** The signaling port over the cabin transport: `media` calls up, `media.*` events down. */
export function transportSignaling(
  transport: Pick<CabinTransport, 'client' | 'onMediaEvent'>,
): MediaSignaling {
  return {
    send: (message) => transport.client.media(message),
    onSignal: (listener) =>
      transport.onMediaEvent((event) => {
        if (event.type === 'media.signal') listener(event.payload);
      }),
    onProducerAdded: (listener) =>
      transport.onMediaEvent((event) => {
        if (event.type === 'media.producerAdded') listener();
      }),
  };
}

/** How often a link whose media stopped restarts ICE, and retries a state report that did not get through. */
export const RECOVERY_INTERVAL_MS = 3000;

/** Options of LinkStatus. */
export interface LinkStatusOptions {
  readonly signaling: MediaSignaling;
  /**
   * One recovery step: called at once when media stops, then every interval until it flows (also while
   * setting up, where the link decides whether there is anything to resend).
   */
  readonly recover: () => Promise<void>;
  readonly clock: Clock;
  readonly intervalMs?: number;
}

/**
 * The state of a link and what follows from it: listeners are told, the controller gets `linkState`
 * `connected` / `disconnected` (retried until it gets through), and while media does not flow,
 * `recover` runs every interval.
 */
export class LinkStatus {
  private current: VideoLinkState = 'connecting';
  private readonly listeners = new Set<(state: VideoLinkState) => void>();
  private reported: MediaLinkState | null = null;
  private wanted: MediaLinkState | null = null;
  private reporting = false;
  private stopTicking: Cancel | null = null;
  private closed = false;

  constructor(private readonly options: LinkStatusOptions) {}

  /** The link's current state. */
  state(): VideoLinkState {
    return this.current;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: (state: VideoLinkState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the interval: from now on a stopped link recovers and a missed report is sent again. */
  begin(): void {
    if (this.closed || this.stopTicking !== null) return;
    this.stopTicking = every(this.options.clock, this.options.intervalMs ?? RECOVERY_INTERVAL_MS, () =>
      this.tick(),
    );
  }

  /** The link observed a new state of its connection. */
  set(state: VideoLinkState): void {
    if (this.closed || state === this.current) return;
    const wasBroken = isBroken(this.current);
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
    if (state === 'connected') this.wanted = 'connected';
    if (isBroken(state)) {
      this.wanted = 'disconnected';
      // Media just stopped: try at once, the interval goes on until it flows again.
      if (!wasBroken) void this.recover();
    }
    void this.flushReport();
  }

  /** Stops the interval and the reports. */
  close(): void {
    this.closed = true;
    this.stopTicking?.();
    this.stopTicking = null;
    this.listeners.clear();
  }

  private tick(): void {
    if (this.closed) return;
    if (this.current !== 'connected') void this.recover();
    void this.flushReport();
  }

  private async recover(): Promise<void> {
    try {
      await this.options.recover();
    } catch {
      // A recovery that throws (a closed connection, a refused request) is tried again at the next tick.
    }
  }

  private async flushReport(): Promise<void> {
    while (!this.closed && !this.reporting && this.wanted !== null && this.wanted !== this.reported) {
      const state = this.wanted;
      this.reporting = true;
      const result = await this.options.signaling.send({ kind: 'linkState', state });
      this.reporting = false;
      // A report that did not get through (the controller's link is down) is sent again at the next tick.
      if (!result.ok) return;
      this.reported = state;
    }
  }
}

function isBroken(state: VideoLinkState): boolean {
  return state === 'disconnected' || state === 'failed';
}

/** Options every link takes; the defaults are the browser's. */
export interface VideoLinkOptions {
  readonly signaling: MediaSignaling;
  readonly iceServers: readonly IceServer[];
  /** Builds the remote stream the professional's tracks go into when they come without one. */
  readonly createMediaStream?: () => MediaStream;
  /** The time the recovery loop runs on. */
  readonly clock: Clock;
}

/**
 * What both links share: their state with its reports and recovery loop, the professional's stream
 * and its listeners, and `close`; a link adds how media flows (`recover` and `closeMedia` among it).
 */
export abstract class VideoLinkBase {
  /** The link's state: the link sets it from its connection and begins it once set up. */
  protected readonly status: LinkStatus;
  private readonly remoteListeners = new Set<(stream: MediaStream) => void>();
  private readonly createMediaStream: () => MediaStream;
  private remote: MediaStream | null = null;
  private ended = false;

  constructor(options: VideoLinkOptions) {
    this.createMediaStream = options.createMediaStream ?? (() => new MediaStream());
    this.status = new LinkStatus({
      signaling: options.signaling,
      recover: () => this.recover(),
      clock: options.clock,
    });
  }

  /** The link's current state. */
  state(): VideoLinkState {
    return this.status.state();
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onStateChange(listener: (state: VideoLinkState) => void): () => void {
    return this.status.onChange(listener);
  }

  /** The professional's audio and video as one stream, once a first track arrived. */
  remoteStream(): MediaStream | null {
    return this.remote;
  }

  /** Subscribes to the remote stream (called again when its tracks change); returns the unsubscribe function. */
  onRemoteStream(listener: (stream: MediaStream) => void): () => void {
    this.remoteListeners.add(listener);
    return () => this.remoteListeners.delete(listener);
  }

  /** Ends the link: no more state, reports, remote stream events, then the link's own media closes. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.status.close();
    this.remoteListeners.clear();
    this.closeMedia();
  }

  /** Whether `close` was called. */
  protected get closed(): boolean {
    return this.ended;
  }

  /** One recovery step while media does not flow (see `LinkStatusOptions.recover`). */
  protected abstract recover(): Promise<void>;

  /** Closes the link's connections and signaling subscriptions, once, when the link closes. */
  protected abstract closeMedia(): void;

  /** Takes the stream a track came with as the remote stream and tells the listeners. */
  protected adoptRemoteStream(stream: MediaStream): void {
    this.remote = stream;
    this.emitRemote();
  }

  /** Adds a track to the remote stream (built on the first one) and tells the listeners. */
  protected addRemoteTrack(track: MediaStreamTrack): void {
    this.remote ??= this.createMediaStream();
    if (!this.remote.getTracks().includes(track)) this.remote.addTrack(track);
    this.emitRemote();
  }

  /** Drops the remote stream without telling: the next track starts a new one (a fresh connection). */
  protected forgetRemoteStream(): void {
    this.remote = null;
  }

  /** Takes a track out of the remote stream without telling; `emitRemote` tells once all changes are made. */
  protected removeRemoteTrack(track: MediaStreamTrack): void {
    this.remote?.removeTrack(track);
  }

  /** Tells the listeners the remote stream again (nothing while there is none). */
  protected emitRemote(): void {
    const stream = this.remote;
    if (stream === null) return;
    for (const listener of [...this.remoteListeners]) listener(stream);
  }
}
