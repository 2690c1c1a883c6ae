// What reaches the practitioner, told to the cabin: every second the call's inbound statistics are read,
// and the platform hears `media.reception` each time what arrives (sound, video) changes.
import { every, type Cancel, type Clock } from '../../contract/clock';
import type { MediaReception } from '../../contract/platform-protocol';
import { receptionBetween, type ConsoleMedia, type InboundCounters } from './console-media';
import { sameReception } from './desk-view';

/** How often the inbound statistics are read to tell the cabin what reaches the practitioner. */
export const RECEPTION_SAMPLE_MS = 1000;

/** Where the report goes, and what it reads. */
export interface ReceptionReportOptions {
  readonly clock: Clock;
  readonly media: ConsoleMedia;
  /** Sends the reception to the platform; answers false when the connection cannot carry it now. */
  readonly notify: (reception: MediaReception) => boolean;
}

/** Reports the call's reception until the answered function is called (the call ended). */
export function reportReception({ clock, media, notify }: ReceptionReportOptions): Cancel {
  let stopped = false;
  let sampling = false;
  let lastCounters: InboundCounters | null = null;
  let lastSent: MediaReception = { audio: false, video: false };
  const sample = async (): Promise<void> => {
    if (sampling) return;
    sampling = true;
    try {
      const counters = await media.readInbound().catch(() => null);
      if (stopped) return;
      const reception = receptionBetween(lastCounters, counters);
      lastCounters = counters;
      if (sameReception(reception, lastSent)) return;
      // Not sent (offline): the next sample tries again, since the last sent value did not change.
      if (notify(reception)) lastSent = reception;
    } finally {
      sampling = false;
    }
  };
  const stopTicking = every(clock, RECEPTION_SAMPLE_MS, () => void sample());
  return () => {
    stopped = true;
    stopTicking();
  };
}
