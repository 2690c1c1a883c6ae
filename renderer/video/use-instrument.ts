// The examination instrument in the call: when the professional asks for one, the cabin opens that
// kind's input (never the face camera: the controller told the inputs apart), sends it on the video link
// and tells the controller it is on with its media tag, or why it failed. Unplugged while on, it stops
// and says so. When the professional ends it, asks for another, or the call ends, it is taken off the
// link and its track stopped; the face camera and microphone go on throughout.
import { useEffect, useState } from 'react';
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
    const unplugged = (): void => {
      if (!current) return;
      void link.removeInstrument(kind);
      stopTracks(opened);
      opened = null;
      setStream(null);
      report('unplugged');
      current = false;
    };

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
    };
    void run();

    return () => {
      const wasRunning = current;
      current = false;
      cancelWait?.();
      for (const track of opened?.getTracks() ?? []) track.removeEventListener('ended', unplugged);
      if (wasRunning) void link.removeInstrument(kind);
      stopTracks(opened);
      setStream(null);
    };
  }, [environment, kind, link]);

  return stream;
}
