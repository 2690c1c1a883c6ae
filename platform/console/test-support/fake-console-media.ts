// A MediaFactory double for the console's tests: no camera, no WebRTC; the test reads the options the
// desk started the media with, the signals it handed over, and sets the inbound counters it reads.
import type {
  CallMediaOptions,
  ConsoleMedia,
  InboundCounters,
  LocalMedia,
  MediaFactory,
} from '../console-media';
import type { SignalPayload } from '../../../contract/platform-protocol';
import { newest } from '../../../test/support/newest';

/** One call's media as the fake records it. */
export class FakeConsoleMedia implements ConsoleMedia {
  readonly signals: SignalPayload[] = [];
  producersAdded = 0;
  closed = false;
  /** What `readInbound` answers next. */
  inbound: InboundCounters | null = null;
  /** What `readTrackFrames` answers next, by tag (null for a tag not listed). */
  readonly trackFrames = new Map<string, number>();

  constructor(readonly options: CallMediaOptions) {}

  handleSignal(payload: SignalPayload): void {
    this.signals.push(payload);
  }

  handleProducerAdded(): void {
    this.producersAdded += 1;
  }

  readInbound(): Promise<InboundCounters | null> {
    return Promise.resolve(this.closed ? null : this.inbound);
  }

  readTrackFrames(tag: string): Promise<number | null> {
    return Promise.resolve(this.closed ? null : (this.trackFrames.get(tag) ?? null));
  }

  close(): void {
    this.closed = true;
  }
}

/** A MediaFactory whose camera answers `local` and whose calls are FakeConsoleMedia. */
export class FakeMediaFactory implements MediaFactory {
  readonly started: FakeConsoleMedia[] = [];
  openCount = 0;
  /** The video elements a still was drawn from, in order; each answers `stillImage`. */
  readonly captured: HTMLVideoElement[] = [];
  /** What the next stills are (a PNG data URL), or null for a frame that cannot be drawn. */
  stillImage: string | null = 'data:image/png;base64,iVBORw0KGgo=';

  constructor(public local: LocalMedia = { stream: null, problem: null }) {}

  openLocal(): Promise<LocalMedia> {
    this.openCount += 1;
    return Promise.resolve(this.local);
  }

  start(options: CallMediaOptions): ConsoleMedia {
    const media = new FakeConsoleMedia(options);
    this.started.push(media);
    return media;
  }

  captureStill(video: HTMLVideoElement): Promise<string | null> {
    this.captured.push(video);
    return Promise.resolve(this.stillImage);
  }

  /** The media of the latest call, or throws when none was started. */
  get latest(): FakeConsoleMedia {
    return newest(this.started, 'call media started');
  }
}
