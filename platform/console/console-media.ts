// The practitioner's side of the call's media, behind one small interface for both ways media flows:
// direct mode (direct-answerer.ts: the cabin offers, the console answers over `signal`) and SFU mode
// (sfu-peer.ts: mediasoup-client over `sfu.request`); browser-media.ts gives the browser's. Also the
// camera and microphone, and what the inbound statistics say is received.
import type { MediaReception, SfuMethod, SignalPayload } from '../../contract/platform-protocol';
import type { CallMedia } from '../../contract/platform-protocol';
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
  /** The frames decoded so far of one instrument track (`tag` as `onInstrumentTrack` gave it), or null. */
  readTrackFrames(tag: string, track: MediaStreamTrack): Promise<number | null>;
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
  /**
   * A track of an examination instrument arrived, never part of the patient's stream: `tag` is the
   * `mediaTag` the cabin's `call.instrument` names it by (direct mode: its transceiver's mid; SFU mode:
   * its producer's id).
   */
  onInstrumentTrack(tag: string, track: MediaStreamTrack): void;
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
  /** The frame a video element shows now, as a PNG data URL (null when none can be drawn). */
  captureStill(video: HTMLVideoElement): Promise<string | null>;
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

/** Which inbound stream is one track's: by its transceiver's `mid` (direct) or its `trackIdentifier` (SFU). */
export type TrackMatch = { readonly mid: string } | { readonly trackIdentifier: string };

/** The frames decoded of the inbound-rtp entry `match` names in a getStats report, or null when none. */
export function trackFramesDecoded(report: RTCStatsReport, match: TrackMatch): number | null {
  let frames: number | null = null;
  report.forEach((stats: unknown) => {
    if (!isRecord(stats) || stats.type !== 'inbound-rtp') return;
    const matches =
      'mid' in match ? stats.mid === match.mid : stats.trackIdentifier === match.trackIdentifier;
    if (matches) frames = typeof stats.framesDecoded === 'number' ? stats.framesDecoded : 0;
  });
  return frames;
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
