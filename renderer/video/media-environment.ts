// What the screens need for the camera check and the call: the cabin's camera and microphone, Web Audio
// (the test sound and the microphone level), the call's media parameters and signaling, and the video
// link. The app provides the browser's; screen tests provide a fake.
import { createContext, useContext } from 'react';
import { systemClock, type Clock } from '../../contract/clock';
import type { CallMedia } from '../../contract/platform-protocol';
import type { Result } from '../../contract/result';
import type { CabinTransport } from '../cabin-client';
import { createVideoLink } from './create-video-link';
import { transportSignaling, type MediaSignaling, type VideoLink } from './video-link';

/** Which devices to open. */
export interface DeviceRequest {
  readonly audio: boolean;
  readonly video: boolean;
}

/** The camera, the microphone, Web Audio, and the call's media, as the screens use them. */
export interface MediaEnvironment {
  /** Opens the requested devices; rejects when they cannot be opened. */
  openDevices(request: DeviceRequest): Promise<MediaStream>;
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

/** The browser's devices and Web Audio, and the call's media over the cabin transport. */
export function browserMediaEnvironment(transport: CabinTransport, win: Window = window): MediaEnvironment {
  return {
    openDevices: ({ audio, video }) => {
      const devices = win.navigator.mediaDevices as MediaDevices | undefined;
      if (devices === undefined) return Promise.reject(new Error('no media devices'));
      return devices.getUserMedia({
        audio: audio ? AUDIO_CONSTRAINTS : false,
        video: video ? VIDEO_CONSTRAINTS : false,
      });
    },
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

/** An environment without devices or call, for screens drawn outside the app (they say the camera is missing). */
export const NO_MEDIA: MediaEnvironment = {
  openDevices: () => Promise.reject(new Error('no media devices')),
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
