// The examination instrument in the call: when the professional asks for one, the cabin opens that
// kind's input (never the face camera: the controller told the inputs apart), sends it on the video link
// and tells the controller it is on with its media tag, or why it failed. Unplugged while on, it stops
// and says so. When the professional ends it, asks for another, or the call ends, it is taken off the
// link and its track stopped; the face camera and microphone go on throughout. A camera that sends no
// frame at all for 10 s (link up) is taken off and reported refused.
import { useEffect, useState } from 'react';
import { every } from '../../contract/clock';
import type { InstrumentFailure, InstrumentKind, InstrumentUse, MediaRoles } from '../../contract/instrument';
import { stopTracks, useMediaEnvironment } from './media-environment';
import type { VideoLink } from './video-link';

/** The instrument the cabin should send now: its kind while it starts or is on, else null. */
export function wantedInstrument(use: InstrumentUse | null | undefined): InstrumentKind | null {
  if (use === null || use === undefined) return null;
  return use.state === 'starting' || use.state === 'on' ? use.kind : null;
}

/** The input of an instrument kind among the classified inputs, or null when none was found. */
export function instrumentInput(roles: MediaRoles | null, kind: InstrumentKind): string | null {
  const input = roles?.inputs.find((entry) => entry.role === 'instrument' && entry.instrument === kind);
  return input?.deviceId ?? null;
}

/**
 * How to open an instrument's input: a camera by its id; the stethoscope by its id with the browser's
 * voice processing off (echo cancellation, noise suppression and gain control destroy heart sounds).
 */
export function instrumentConstraints(kind: InstrumentKind, deviceId: string): MediaStreamConstraints {
  if (kind === 'stethoscope') {
    return {
      audio: {
        deviceId: { exact: deviceId },
        echoCancellation: false,
        noiseSuppression: false,
        autoGainControl: false,
      },
      video: false,
    };
  }
  return { audio: false, video: { deviceId: { exact: deviceId } } };
}

/** Why an input did not open, from getUserMedia's error: not there (absent) or not allowed/busy (refused). */
export function openingFailure(error: unknown): InstrumentFailure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  return name === 'NotFoundError' || name === 'OverconstrainedError' ? 'absent' : 'refused';
}

/** How long a camera sent may encode no frame at all, link up, before the cabin says it cannot be used. */
export const NO_FRAME_LIMIT_MS = 10_000;

/** How often a camera's frames sent are read until the first one. */
const FRAME_CHECK_MS = 1000;

/** Resolves once the link's media flows (at once when it does); `cancelled` stops waiting. */
function whenConnected(link: VideoLink, onCancel: (cancel: () => void) => void): Promise<boolean> {
  if (link.state() === 'connected') return Promise.resolve(true);
  return new Promise((resolve) => {
    const off = link.onStateChange((state) => {
      if (state !== 'connected') return;
      off();
      resolve(true);
    });
    onCancel(() => {
      off();
      resolve(false);
    });
  });
}

/**
 * Runs the instrument the view asks for (`screen.instrument`) on `link`: answers its stream once it is
 * sent (the patient's preview), else null.
 */
export function useInstrument(
  use: InstrumentUse | null | undefined,
  link: VideoLink | null,
): MediaStream | null {
  const environment = useMediaEnvironment();
  const [stream, setStream] = useState<MediaStream | null>(null);
  const kind = wantedInstrument(use);

  useEffect(() => {
    if (kind === null || link === null) return;
    let current = true;
    let opened: MediaStream | null = null;
    let cancelWait: (() => void) | null = null;
    const report = (failure: InstrumentFailure): void => {
      if (current) void environment.reportInstrument({ kind, state: 'failed', failure });
    };
    // Takes the instrument off the link and stops it, then says why: unplugged, or a camera that sends nothing.
    const takeOff = (failure: InstrumentFailure): void => {
      if (!current) return;
      for (const track of opened?.getTracks() ?? []) track.removeEventListener('ended', unplugged);
      void link.removeInstrument(kind);
      stopTracks(opened);
      opened = null;
      setStream(null);
      report(failure);
      current = false;
    };
    const unplugged = (): void => takeOff('unplugged');

    const run = async (): Promise<void> => {
      if (!(await whenConnected(link, (cancel) => (cancelWait = cancel)))) return;
      const deviceId = instrumentInput(environment.mediaRoles(), kind);
      if (deviceId === null) {
        report('absent');
        return;
      }
      let media: MediaStream;
      try {
        media = await environment.openInput(instrumentConstraints(kind, deviceId));
      } catch (error) {
        report(openingFailure(error));
        return;
      }
      if (!current) {
        stopTracks(media);
        return;
      }
      opened = media;
      const track = media.getTracks()[0];
      if (track === undefined) {
        report('absent');
        return;
      }
      track.addEventListener('ended', unplugged);
      const tag = await link.addInstrument(kind, track);
      if (!current) {
        // The instrument was ended while the link took it: take it off again.
        if (tag.ok) void link.removeInstrument(kind);
        return;
      }
      if (!tag.ok) {
        stopTracks(media);
        opened = null;
        report('refused');
        return;
      }
      setStream(media);
      void environment.reportInstrument({ kind, state: 'on', mediaTag: tag.value });
      if (kind !== 'stethoscope') watchFirstFrame();
    };

    // A camera whose frames WebRTC never encodes (a depth or infrared camera named as the instrument)
    // would leave the professional's view black: without a frame, link up, it counts as refused.
    let stopWatching: (() => void) | null = null;
    // The cameras share one sender in direct mode: its count goes on from the camera sent before, so
    // what counts is a frame more than at the first reading.
    const watchFirstFrame = (): void => {
      let waitedMs = 0;
      let first: number | null = null;
      stopWatching = every(environment.clock, FRAME_CHECK_MS, () => {
        if (link.state() !== 'connected') return;
        waitedMs += FRAME_CHECK_MS;
        void link.instrumentFramesSent(kind).then((frames) => {
          if (!current || stopWatching === null || frames === null) return;
          first ??= frames;
          if (frames > first) {
            stopWatching();
            stopWatching = null;
          } else if (waitedMs >= NO_FRAME_LIMIT_MS) {
            stopWatching();
            stopWatching = null;
            takeOff('refused');
          }
        });
      });
    };
    void run();

    return () => {
      const wasRunning = current;
      current = false;
      stopWatching?.();
      cancelWait?.();
      for (const track of opened?.getTracks() ?? []) track.removeEventListener('ended', unplugged);
      if (wasRunning) void link.removeInstrument(kind);
      stopTracks(opened);
      setStream(null);
    };
  }, [environment, kind, link]);

  return stream;
}
