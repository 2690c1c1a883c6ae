// What the cabin receives of the professional, read from the link's statistics every second: video
// when decoded frames keep coming, sound when audio packets keep coming. Each change is reported to
// the platform (`media` of kind `reception`), which tells the professional's console.
import type { MediaUp } from '../../contract/cabin-api';
import { every, type Cancel, type Clock } from '../../contract/clock';
import type { MediaReception } from '../../contract/platform-protocol';
import type { Result } from '../../contract/result';

/** The receive counters of one statistics report, summed over its inbound RTP streams. */
export interface ReceptionCounters {
  readonly framesDecoded: number;
  /** Audio packets received (samples when a browser does not count packets). */
  readonly audioReceived: number;
}

/** The fields of an inbound RTP statistic the monitor reads. */
interface InboundRtpFields {
  readonly type: string;
  readonly kind?: string;
  readonly framesDecoded?: number;
  readonly packetsReceived?: number;
  readonly totalSamplesReceived?: number;
}

/** Sums the decoded video frames and the received audio of a statistics report. */
export function readReceptionCounters(report: RTCStatsReport): ReceptionCounters {
  let framesDecoded = 0;
  let audioReceived = 0;
  report.forEach((value) => {
    const stat = value as InboundRtpFields;
    if (stat.type !== 'inbound-rtp') return;
    if (stat.kind === 'video') framesDecoded += stat.framesDecoded ?? 0;
    if (stat.kind === 'audio') audioReceived += stat.packetsReceived ?? stat.totalSamplesReceived ?? 0;
  });
  return { framesDecoded, audioReceived };
}

/** Options of ReceptionMonitor. */
export interface ReceptionMonitorOptions {
  /** The link's receive statistics (null while there are none). */
  readonly readStats: () => Promise<RTCStatsReport | null>;
  /** Where reports go: the signaling port's `send`. */
  readonly send: (message: MediaUp) => Promise<Result<unknown>>;
  /** Told the decoded frame count after each reading (the remote video's `data-frames-decoded`). */
  readonly onFramesDecoded?: (framesDecoded: number) => void;
  readonly clock: Clock;
  readonly intervalMs?: number;
}

/** How often the monitor reads the statistics. */
export const RECEPTION_INTERVAL_MS = 1000;

/** Reads the receive statistics every second and reports each change of what is received. */
export class ReceptionMonitor {
  private previous: ReceptionCounters | null = null;
  private reported: MediaReception | null = null;
  private stopReading: Cancel | null = null;
  private reading = false;

  constructor(private readonly options: ReceptionMonitorOptions) {}

  /** Starts reading every interval. */
  start(): void {
    if (this.stopReading !== null) return;
    this.stopReading = every(
      this.options.clock,
      this.options.intervalMs ?? RECEPTION_INTERVAL_MS,
      () => void this.read(),
    );
  }

  /** Stops reading. */
  stop(): void {
    this.stopReading?.();
    this.stopReading = null;
  }

  /** One reading: compares with the previous one and reports what is received when it changed. */
  async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const report = await this.options.readStats().catch(() => null);
      if (report === null) return;
      const counters = readReceptionCounters(report);
      this.options.onFramesDecoded?.(counters.framesDecoded);
      const previous = this.previous;
      this.previous = counters;
      if (previous === null) return;
      const reception: MediaReception = {
        audio: counters.audioReceived > previous.audioReceived,
        video: counters.framesDecoded > previous.framesDecoded,
      };
      if (
        this.reported !== null &&
        this.reported.audio === reception.audio &&
        this.reported.video === reception.video
      )
        return;
      const result = await this.options.send({ kind: 'reception', reception });
      // A report that did not get through is sent again at the next reading.
      if (result.ok) this.reported = reception;
    } finally {
      this.reading = false;
    }
  }
}
