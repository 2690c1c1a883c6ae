// A test double of the screens' media environment: devices a test says work or not, a Web Audio
// context that records the tones played and plays a microphone level, video links a test drives, and
// the manual clock the call's media waits on.
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';
import type { InstrumentKind, InstrumentReport, MediaRoles } from '../../contract/instrument';
import type { CallMedia } from '../../contract/platform-protocol';
import type { Result } from '../../contract/result';
import { ManualClock } from '../../test/support/manual-clock';
import { FakeMediaSignaling, fakeStream, fakeTrack } from './fake-media-signaling';
import type { DeviceRequest, MediaEnvironment } from '../video/media-environment';
import type { MediaSignaling, VideoLink, VideoLinkState } from '../video/video-link';

/** A video link that records what the screen asks of it and lets a test play the network. */
export class FakeVideoLink implements VideoLink {
  /** The local stream `start` was given (undefined before it was called). */
  started: MediaStream | null | undefined = undefined;
  audioOnlyCalls = 0;
  restartCalls = 0;
  closed = false;
  /** The instruments sent now, by kind, with their track. */
  readonly instruments = new Map<InstrumentKind, MediaStreamTrack>();
  /** What the next `addInstrument` answers (a tag `tag-<kind>` unless a test says otherwise). */
  instrumentResult: Result<string> | null = null;
  private current: VideoLinkState = 'connecting';
  private remote: MediaStream | null = null;
  private readonly stateListeners = new Set<(state: VideoLinkState) => void>();
  private readonly remoteListeners = new Set<(stream: MediaStream) => void>();

  constructor(
    readonly media: CallMedia,
    readonly signaling: MediaSignaling,
  ) {}

  start(local: MediaStream | null): Promise<Result<void>> {
    this.started = local;
    return Promise.resolve({ ok: true, value: undefined });
  }

  state(): VideoLinkState {
    return this.current;
  }

  onStateChange(listener: (state: VideoLinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  remoteStream(): MediaStream | null {
    return this.remote;
  }

  onRemoteStream(listener: (stream: MediaStream) => void): () => void {
    this.remoteListeners.add(listener);
    return () => this.remoteListeners.delete(listener);
  }

  receiveStats(): Promise<RTCStatsReport | null> {
    return Promise.resolve(null);
  }

  restartIce(): Promise<void> {
    this.restartCalls += 1;
    return Promise.resolve();
  }

  setAudioOnly(): Promise<void> {
    this.audioOnlyCalls += 1;
    return Promise.resolve();
  }

  addInstrument(kind: InstrumentKind, track: MediaStreamTrack): Promise<Result<string>> {
    const result = this.instrumentResult ?? { ok: true, value: `tag-${kind}` };
    if (result.ok) this.instruments.set(kind, track);
    return Promise.resolve(result);
  }

  removeInstrument(kind: InstrumentKind): Promise<void> {
    this.instruments.delete(kind);
    return Promise.resolve();
  }

  /** The instrument sender's frames encoded so far (its count goes on from camera to camera). */
  instrumentFrames = 0;
  /** How many frames the camera sent encodes between two readings (0: a camera that sends none). */
  instrumentFramesPerReading = 20;

  instrumentFramesSent(kind: InstrumentKind): Promise<number | null> {
    if (!this.instruments.has(kind)) return Promise.resolve(null);
    this.instrumentFrames += this.instrumentFramesPerReading;
    return Promise.resolve(this.instrumentFrames);
  }

  close(): void {
    this.closed = true;
  }

  /** The professional's media arrives. */
  receive(stream: MediaStream): void {
    this.remote = stream;
    for (const listener of [...this.remoteListeners]) listener(stream);
  }

  /** The link's connection changes. */
  setState(state: VideoLinkState): void {
    this.current = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

/** A track of an input opened by its constraints: its settings say them back, and a test can unplug it. */
export class FakeInputTrack extends EventTarget {
  readonly id = `input-${Math.random().toString(36).slice(2)}`;
  readyState: MediaStreamTrackState = 'live';
  enabled = true;

  constructor(
    readonly kind: 'audio' | 'video',
    private readonly settings: MediaTrackSettings,
  ) {
    super();
  }

  getSettings(): MediaTrackSettings {
    return this.settings;
  }

  stop(): void {
    this.readyState = 'ended';
  }

  /** The device is unplugged: the track ends by itself and says so. */
  unplug(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

/** The settings a track opened with `constraints` reports: its device id and the voice processing asked. */
function settingsOf(constraints: MediaTrackConstraints): MediaTrackSettings {
  const exact = constraints.deviceId as { exact?: string } | undefined;
  const settings: MediaTrackSettings = { deviceId: exact?.exact ?? 'default' };
  for (const key of ['echoCancellation', 'noiseSuppression', 'autoGainControl'] as const) {
    const value = constraints[key];
    if (typeof value === 'boolean') settings[key] = value;
  }
  return settings;
}

/** A script processor a test feeds with audio, as the audio thread would. */
export class FakeScriptProcessor {
  onaudioprocess: ((event: { readonly inputBuffer: unknown }) => void) | null = null;
  connected = false;

  connect(): void {
    this.connected = true;
  }

  disconnect(): void {
    this.connected = false;
  }

  /** Hands one buffer of mono samples to the processor, if it still listens. */
  feed(samples: Float32Array): void {
    this.onaudioprocess?.({ inputBuffer: { numberOfChannels: 1, getChannelData: () => samples } });
  }
}

/** An audio context that records the tones started and answers a microphone level a test sets. */
export class FakeAudioContext {
  /** The frequencies of the oscillators started, in order (hertz). */
  readonly tones: number[] = [];
  /** The amplitude the microphone hears (0 = silence, 1 = full scale). */
  inputLevel = 0;
  closed = false;
  readonly currentTime = 0;
  readonly destination = {};
  readonly sampleRate = 48_000;
  /** The script processors created (the subtitles' tap on the professional's voice). */
  readonly processors: FakeScriptProcessor[] = [];

  resume(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  createOscillator() {
    let frequency = 440;
    return {
      type: 'sine',
      frequency: {
        setValueAtTime: (value: number) => {
          frequency = value;
        },
      },
      connect: () => undefined,
      start: () => {
        this.tones.push(frequency);
      },
      stop: () => undefined,
    };
  }

  createGain() {
    return {
      gain: { value: 1, setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      connect: () => undefined,
      disconnect: () => undefined,
    };
  }

  createScriptProcessor(): FakeScriptProcessor {
    const processor = new FakeScriptProcessor();
    this.processors.push(processor);
    return processor;
  }

  createMediaStreamSource() {
    return { connect: () => undefined, disconnect: () => undefined };
  }

  createAnalyser() {
    return {
      fftSize: 2048,
      // A square wave of the input level: its RMS is the level.
      getFloatTimeDomainData: (samples: Float32Array) => {
        samples.forEach((_, index) => {
          samples[index] = index % 2 === 0 ? this.inputLevel : -this.inputLevel;
        });
      },
    };
  }
}

/** The media environment of screen tests. */
export class FakeMediaEnvironment implements MediaEnvironment {
  /** Which devices open. */
  devices: DeviceRequest = { audio: true, video: true };
  /** What joinMedia answers. */
  joinResult: Result<CallMedia> = { ok: true, value: { mode: 'direct', iceServers: [] } };
  readonly signaling = new FakeMediaSignaling();
  /** Every stream opened, in order. */
  readonly opened: MediaStream[] = [];
  readonly links: FakeVideoLink[] = [];
  readonly audioContexts: FakeAudioContext[] = [];
  joinCalls = 0;
  /** The frames of the professional's voice sent for the subtitles (base64 PCM), in order. */
  readonly subtitleFrames: string[] = [];
  /** The time of the call's media: it moves only when the test moves it. */
  readonly clock = new ManualClock();
  /** Which input is which, as the controller answered (null: not answered yet). */
  roles: MediaRoles | null = null;
  /** The error name an input opened by its constraints fails with (`NotAllowedError`…), or null: it opens. */
  inputFailure: string | null = null;
  /** The constraints of each input opened (instruments, the technician's try), in order. */
  readonly inputRequests: MediaStreamConstraints[] = [];
  /** The tracks of the inputs opened, in order. */
  readonly inputTracks: FakeInputTrack[] = [];
  /** The instrument reports sent to the controller, in order. */
  readonly instrumentReports: InstrumentReport[] = [];
  private readonly rolesListeners = new Set<(roles: MediaRoles) => void>();

  openInput(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.inputRequests.push(constraints);
    if (this.inputFailure !== null)
      return Promise.reject(new DOMException('the input did not open', this.inputFailure));
    const tracks: FakeInputTrack[] = [];
    for (const kind of ['audio', 'video'] as const) {
      const asked = constraints[kind];
      if (asked === undefined || asked === false) continue;
      tracks.push(new FakeInputTrack(kind, settingsOf(asked === true ? {} : asked)));
    }
    this.inputTracks.push(...tracks);
    const stream = fakeStream(tracks as unknown as MediaStreamTrack[]);
    this.opened.push(stream);
    return Promise.resolve(stream);
  }

  mediaRoles(): MediaRoles | null {
    return this.roles;
  }

  onMediaRoles(listener: (roles: MediaRoles) => void): () => void {
    this.rolesListeners.add(listener);
    return () => this.rolesListeners.delete(listener);
  }

  /** The controller answers new roles of the inputs. */
  setRoles(roles: MediaRoles): void {
    this.roles = roles;
    for (const listener of [...this.rolesListeners]) listener(roles);
  }

  reportInstrument(report: InstrumentReport): Promise<Result<void>> {
    this.instrumentReports.push(report);
    return Promise.resolve({ ok: true, value: undefined });
  }

  openDevices(request: DeviceRequest): Promise<MediaStream> {
    if ((request.audio && !this.devices.audio) || (request.video && !this.devices.video))
      return Promise.reject(new Error('NotFoundError'));
    const tracks = [
      ...(request.audio ? [fakeTrack('audio')] : []),
      ...(request.video ? [fakeTrack('video')] : []),
    ];
    const stream = fakeStream(tracks);
    this.opened.push(stream);
    return Promise.resolve(stream);
  }

  createAudioContext(): AudioContext {
    const context = new FakeAudioContext();
    this.audioContexts.push(context);
    return context as unknown as AudioContext;
  }

  sendSubtitleAudio(pcmBase64: string): Promise<Result<void>> {
    this.subtitleFrames.push(pcmBase64);
    return Promise.resolve({ ok: true, value: undefined });
  }

  joinMedia(): Promise<Result<CallMedia>> {
    this.joinCalls += 1;
    return Promise.resolve(this.joinResult);
  }

  createLink(media: CallMedia, signaling: MediaSignaling): Promise<VideoLink> {
    const link = new FakeVideoLink(media, signaling);
    this.links.push(link);
    return Promise.resolve(link);
  }

  /** The last link created. */
  link(): FakeVideoLink {
    const link = this.links.at(-1);
    if (link === undefined) throw new Error('no video link was created');
    return link;
  }

  /** Whether every track of every stream opened so far was stopped. */
  allTracksStopped(): boolean {
    return this.opened.every((stream) => stream.getTracks().every((track) => track.readyState === 'ended'));
  }
}

/**
 * Call once at the top of a jsdom test file whose screens play video: jsdom cannot play media, so in each
 * test `HTMLMediaElement.play` resolves at once (the real one is back after the test).
 */
export function stubMediaPlayback(): void {
  let play: MockInstance<HTMLMediaElement['play']> | null = null;
  beforeEach(() => {
    play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    play?.mockRestore();
    play = null;
  });
}
