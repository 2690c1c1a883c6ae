// Test doubles around the video link: a signaling port that records what the link sends and lets a
// test play the platform's side, and stand-in tracks and streams.
import type { MediaUp } from '../../contract/cabin-api';
import type { SfuMethod, SignalPayload } from '../../contract/platform-protocol';
import type { Result } from '../../contract/result';
import type { MediaSignaling } from '../video/video-link';

/** Answers the SFU requests of a test (by default every request answers null). */
export type SfuAnswerer = (method: SfuMethod, data: unknown) => Result<unknown>;

/** A signaling port that records messages, answers SFU requests with `answerSfu`, and pushes what a test says. */
export class FakeMediaSignaling implements MediaSignaling {
  readonly sent: MediaUp[] = [];
  /** What the next non-SFU message answers (a test sets a failure to play a broken relay). */
  nextResult: Result<unknown> = { ok: true, value: null };
  private readonly signalListeners = new Set<(payload: SignalPayload) => void>();
  private readonly producerListeners = new Set<() => void>();

  constructor(private readonly answerSfu: SfuAnswerer = () => ({ ok: true, value: null })) {}

  send(message: MediaUp): Promise<Result<unknown>> {
    this.sent.push(message);
    if (message.kind === 'sfu') return Promise.resolve(this.answerSfu(message.method, message.data));
    return Promise.resolve(this.nextResult);
  }

  onSignal(listener: (payload: SignalPayload) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  onProducerAdded(listener: () => void): () => void {
    this.producerListeners.add(listener);
    return () => this.producerListeners.delete(listener);
  }

  /** The professional's side sends signaling (an answer, a candidate). */
  signal(payload: SignalPayload): void {
    for (const listener of [...this.signalListeners]) listener(payload);
  }

  /** The platform announces a new producer of the professional. */
  producerAdded(): void {
    for (const listener of [...this.producerListeners]) listener();
  }

  /** The SFU requests sent so far, as `[method, data]`. */
  sfuRequests(): [SfuMethod, unknown][] {
    return this.sent.flatMap((message) =>
      message.kind === 'sfu' ? [[message.method, message.data] as [SfuMethod, unknown]] : [],
    );
  }

  /** The signaling payloads sent so far. */
  signals(): SignalPayload[] {
    return this.sent.flatMap((message) => (message.kind === 'signal' ? [message.payload] : []));
  }

  /** The link states reported so far. */
  linkStates(): string[] {
    return this.sent.flatMap((message) => (message.kind === 'linkState' ? [message.state] : []));
  }
}

/** A stand-in track of one kind (only what the links and screens read of a track). */
export function fakeTrack(kind: 'audio' | 'video'): MediaStreamTrack {
  const track = {
    kind,
    id: `${kind}-${Math.random().toString(36).slice(2)}`,
    readyState: 'live' as MediaStreamTrackState,
    enabled: true,
    stop() {
      track.readyState = 'ended';
    },
  };
  return track as unknown as MediaStreamTrack;
}

/** A stand-in stream holding `tracks`. */
export function fakeStream(tracks: MediaStreamTrack[]): MediaStream {
  const held = [...tracks];
  return {
    id: `stream-${Math.random().toString(36).slice(2)}`,
    getTracks: () => [...held],
    getAudioTracks: () => held.filter((track) => track.kind === 'audio'),
    getVideoTracks: () => held.filter((track) => track.kind === 'video'),
    addTrack: (track: MediaStreamTrack) => {
      if (!held.includes(track)) held.push(track);
    },
    removeTrack: (track: MediaStreamTrack) => {
      const index = held.indexOf(track);
      if (index >= 0) held.splice(index, 1);
    },
  } as unknown as MediaStream;
}

/** Lets the link's pending promises and queued steps run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
