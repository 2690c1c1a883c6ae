// What the screens need for the camera check and the call: the cabin's camera and microphone, Web Audio
// (the test sound and the microphone level), the call's media parameters and signaling, and the video
// link. The app provides the browser's; screen tests provide a fake.
import { createContext, useContext } from 'react';
import { systemClock, type Clock } from '../../contract/clock';
import type { InstrumentReport, MediaRoles } from '../../contract/instrument';
import type { CallMedia } from '../../contract/platform-protocol';
import type { Result } from '../../contract/result';
import type { CabinTransport } from '../cabin-client';
import { createVideoLink } from './create-video-link';
import { exactDevice, faceDeviceIds, MediaRolesStore } from './media-roles';
import { transportSignaling, type MediaSignaling, type VideoLink } from './video-link';

/** Which devices to open. */
export interface DeviceRequest {
  readonly audio: boolean;
  readonly video: boolean;
}

/** The camera, the microphone, Web Audio, and the call's media, as the screens use them. */
export interface MediaEnvironment {
  /**
   * Opens the requested devices (the face camera and microphone by their ids once the controller told
   * them apart, else the browser's defaults); rejects when they cannot be opened.
   */
  openDevices(request: DeviceRequest): Promise<MediaStream>;
  /** Opens one input with exactly these constraints (an examination instrument); rejects as getUserMedia does. */
  openInput(constraints: MediaStreamConstraints): Promise<MediaStream>;
  /** Which input is which, as the controller last answered; null before its first answer. */
  mediaRoles(): MediaRoles | null;
  /** Subscribes to the controller's new answers about the inputs; returns the unsubscribe function. */
  onMediaRoles(listener: (roles: MediaRoles) => void): () => void;
  /** Tells the controller how the instrument it asked for went (CabinApi `reportInstrument`). */
  reportInstrument(report: InstrumentReport): Promise<Result<void>>;
  /** A new audio context (the caller closes it), or null where Web Audio is missing. */
  createAudioContext(): AudioContext | null;
  /** The call's media parameters once the platform joined it (CabinApi `joinMedia`). */
  joinMedia(): Promise<Result<CallMedia>>;
  /** The video link's signaling port. */
  readonly signaling: MediaSignaling;
  /** Builds the video link the call's media mode asks for. */
  createLink(media: CallMedia, signaling: MediaSignaling): Promise<VideoLink>;
  /** The time the call's media runs on: retries, the microphone level, the reception monitor. */
  readonly clock: Clock;
  /**
   * Hands one frame of the professional's voice (base64 16 kHz mono s16le) to the controller's speech
   * engine for the live subtitles (CabinApi `subtitleAudio`); absent where there is no controller.
   */
  readonly sendSubtitleAudio?: (pcmBase64: string) => Promise<Result<void>>;
}

/** The camera's settings: the cabin's front camera, HD when it can. */
const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  facingMode: 'user',
  width: { ideal: 1280 },
  height: { ideal: 720 },
};

/** The microphone's settings: the browser's echo cancellation, as the cabin's speakers are near it. */
const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/**
 * The browser's devices and Web Audio, and the call's media over the cabin transport. Lists the inputs
 * for the controller now, after the camera first opened (the labels show then) and on each change.
 */
export function browserMediaEnvironment(transport: CabinTransport, win: Window = window): MediaEnvironment {
  const mediaDevices = (): MediaDevices | undefined => win.navigator.mediaDevices;
  const roles = new MediaRolesStore(
    async () => (await mediaDevices()?.enumerateDevices()) ?? [],
    (report) => transport.client.reportMediaDevices(report),
  );
  // Listed at each connection to the controller (at load, and after it restarted). The browser shows the
  // labels only once an input was opened: the cabin then opens its default camera and microphone for a
  // moment, so that the attendant sees a missing instrument before any patient.
  const listInputs = async (): Promise<void> => {
    await roles.refresh();
    if (roles.current()?.labelsHidden !== true) return;
    if (await revealLabels(mediaDevices())) await roles.refresh();
  };
  if (transport.isConnected()) void listInputs();
  transport.onConnectionChange((connected) => {
    if (connected) void listInputs();
  });
  mediaDevices()?.addEventListener('devicechange', () => void roles.refresh());
  let cameraOpened = false;
  const openDevices = async ({ audio, video }: DeviceRequest): Promise<MediaStream> => {
    const devices = mediaDevices();
    if (devices === undefined) throw new Error('no media devices');
    const ids = faceDeviceIds(roles.current());
    const open = (byId: boolean): Promise<MediaStream> =>
      devices.getUserMedia({
        audio: audio ? { ...AUDIO_CONSTRAINTS, ...(byId ? exactDevice(ids.microphone) : {}) } : false,
        video: video ? { ...VIDEO_CONSTRAINTS, ...(byId ? exactDevice(ids.camera) : {}) } : false,
      });
    let stream: MediaStream;
    try {
      stream = await open(true);
    } catch (error) {
      // A face device unplugged since the list: the browser's defaults.
      if (ids.camera === null && ids.microphone === null) throw error;
      stream = await open(false);
    }
    if (!cameraOpened && stream.getVideoTracks().length > 0) {
      cameraOpened = true;
      void roles.refresh();
    }
    return stream;
  };
  return {
    openDevices,
    openInput: async (constraints) => {
      const devices = mediaDevices();
      if (devices === undefined) throw new DOMException('no media devices', 'NotFoundError');
      const stream = await devices.getUserMedia(constraints);
      // Labels hidden until now (the technician tried an input first): they show from now on.
      if (roles.current()?.labelsHidden === true) void roles.refresh();
      return stream;
    },
    mediaRoles: () => roles.current(),
    onMediaRoles: (listener) => roles.onChange(listener),
    reportInstrument: (report) => transport.client.reportInstrument(report),
    createAudioContext: () => {
      const Context = (win as Window & { AudioContext?: typeof AudioContext }).AudioContext;
      return Context === undefined ? null : new Context();
    },
    joinMedia: () => transport.client.joinMedia(),
    signaling: transportSignaling(transport),
    createLink: (media, signaling) => createVideoLink(media, signaling, systemClock),
    clock: systemClock,
    sendSubtitleAudio: (pcm) => transport.client.subtitleAudio({ pcm }),
  };
}

/**
 * Opens the default camera and microphone (or either) and stops them at once: the browser lists the
 * inputs' labels from then on. Answers whether anything opened.
 */
async function revealLabels(devices: MediaDevices | undefined): Promise<boolean> {
  if (devices === undefined) return false;
  for (const request of [{ audio: true, video: true }, { audio: true }, { video: true }]) {
    try {
      stopTracks(await devices.getUserMedia(request));
      return true;
    } catch {
      // No such input, or refused: try with fewer.
    }
  }
  return false;
}

/** An environment without devices or call, for screens drawn outside the app (they say the camera is missing). */
export const NO_MEDIA: MediaEnvironment = {
  openDevices: () => Promise.reject(new Error('no media devices')),
  openInput: () => Promise.reject(new Error('no media devices')),
  mediaRoles: () => null,
  onMediaRoles: () => () => undefined,
  reportInstrument: () => Promise.resolve({ ok: false, error: { code: 'call.notJoined' } }),
  createAudioContext: () => null,
  joinMedia: () => Promise.resolve({ ok: false, error: { code: 'call.notJoined' } }),
  signaling: {
    send: () => Promise.resolve({ ok: false, error: { code: 'call.notJoined' } }),
    onSignal: () => () => undefined,
    onProducerAdded: () => () => undefined,
  },
  createLink: (media, signaling) => createVideoLink(media, signaling, systemClock),
  clock: systemClock,
};

/** Provides the media environment to the screens. */
export const MediaContext = createContext<MediaEnvironment>(NO_MEDIA);

/** Answers the media environment of the nearest provider. */
export function useMediaEnvironment(): MediaEnvironment {
  return useContext(MediaContext);
}

/** Stops every track of a stream (the camera light goes off). */
export function stopTracks(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Opens the camera and the microphone, or what of them works: both, else the microphone alone, else
 * the camera alone; null when neither opens.
 */
export async function openCameraAndMicrophone(environment: MediaEnvironment): Promise<MediaStream | null> {
  const attempts: DeviceRequest[] = [
    { audio: true, video: true },
    { audio: true, video: false },
    { audio: false, video: true },
  ];
  for (const request of attempts) {
    try {
      return await environment.openDevices(request);
    } catch {
      // No such device, refused or busy: try with fewer devices.
    }
  }
  return null;
}
