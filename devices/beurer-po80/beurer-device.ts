// The Beurer PO 80 as a measuring device: start live data, keep it alive, and take SpO2 and pulse once
// a few readings in a row agree; no finger, motion, silence, garbage and unplug end it with a code.
import type { Cancel, Clock, DeviceIdentity, MeasurementFact, Result } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { LinkMeasuringDevice, reportFraming, type ReportEntry } from '../link-measuring-device';
import type { PeripheralState } from '../peripheral';
import {
  decodeCommand,
  decodeReport,
  encodeKeepAlive,
  encodeStart,
  type BeurerCommand,
  type BeurerFrame,
} from './beurer-codec';

/** Thresholds of a measurement; defaults suit the real device. */
export interface BeurerSettings {
  /** No report for this long: the device stopped talking. */
  readonly silenceMs: number;
  /** No finger for this long: the patient is asked again. */
  readonly noFingerMs: number;
  /** Readings in a row that must agree. */
  readonly stableReadings: number;
  /** Valid readings without agreement before giving up on motion. */
  readonly motionReadings: number;
  /** Undecodable reports since the last good live report before calling the device faulty. */
  readonly maxBadReports: number;
  /** Reports received between two keep-alives (hid.py: about 10). */
  readonly keepAliveEvery: number;
}

const DEFAULTS: BeurerSettings = {
  silenceMs: 3000,
  noFingerMs: 20_000,
  stableReadings: 5,
  motionReadings: 30,
  maxBadReports: 10,
  keepAliveEvery: 10,
};
// Agreement of readings in a row: ISO 80601-2-61 checks ±3 % SpO2 and ±3 bpm; a little tighter here.
const SPO2_SPREAD = 2;
const PULSE_SPREAD = 5;

/** One report of the PO 80's link, either way, decoded: what its monitor shows. */
type BeurerEntry = ReportEntry<BeurerCommand, BeurerFrame>;

/** The PO 80 on a HID link; owns the link. Its monitor shows every report both ways, decoded. */
export class BeurerPo80Device extends LinkMeasuringDevice<BeurerEntry, BeurerSettings> {
  readonly kind = 'oxygenSaturation' as const;
  private measuring = false;

  constructor(link: ByteLink, clock: Clock, options: Partial<BeurerSettings> = {}) {
    super(link, clock, DEFAULTS, options, reportFraming(decodeReport));
  }

  /**
   * The live-data protocol (stgloorious/hid-pulse-oximeter) has no identification command: every field
   * null while the link is open; the USB descriptors tell the rest.
   */
  identify(): Promise<Result<DeviceIdentity>> {
    return this.silentIdentity(() => Promise.resolve(true));
  }

  /** 'ok' when the device answers the start command with a decodable report; never throws. */
  check(): Promise<PeripheralState> {
    return this.selfTest(this.measuring, () => {
      let bad = 0;
      return this.answerWithin<PeripheralState>(
        this.settings.silenceMs,
        (answer) =>
          this.onFrame((entry) => {
            if (entry.frame.ok) answer('ok');
            else if ((bad += 1) >= this.settings.maxBadReports) answer('faulty');
          }),
        this.outgoing(encodeStart()),
      );
    });
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    return this.startMeasurement(report, (run) => {
      const s = this.settings;
      let received = 0;
      let badInARow = 0;
      let validSinceStable = 0;
      let fingerShown = false;
      const window: { pulse: number; spo2: number }[] = [];
      let cancelNoFinger: Cancel | null = null;
      this.measuring = true;
      run.onStop(() => {
        this.measuring = false;
      });
      const heard = run.silenceWatch(s.silenceMs, () =>
        run.fail({ code: 'device.timeout', detail: `no report in ${s.silenceMs} ms` }),
      );
      const watchNoFinger = (): void => {
        cancelNoFinger ??= run.after(s.noFingerMs, () =>
          run.fail({ code: 'measurement.noFinger', detail: `no value for ${s.noFingerMs} ms` }),
        );
      };

      const onReport = ({ frame }: BeurerEntry): void => {
        heard();
        received += 1;
        if (received % s.keepAliveEvery === 0) void this.link.write(this.outgoing(encodeKeepAlive()));
        if (!frame.ok) {
          badInARow += 1;
          if (badInARow >= s.maxBadReports)
            run.fail({
              code: 'device.error',
              detail: `${badInARow} bad reports in a row, last ${frame.error.code}`,
            });
          return;
        }
        // Waveform reports keep coming between corrupted live ones: only a good live report clears the count.
        if (frame.value.type !== 'live') return;
        badInARow = 0;
        const { pulse, spo2 } = frame.value;
        if (pulse === null || spo2 === null) {
          // The finger is out (or the device is still searching): wait for it, within noFingerMs.
          window.length = 0;
          watchNoFinger();
          return;
        }
        cancelNoFinger?.();
        cancelNoFinger = null;
        if (!fingerShown) {
          fingerShown = true;
          run.progress({ stage: 'fingerDetected' });
          run.progress({ stage: 'keepStill' });
        }
        validSinceStable += 1;
        window.push({ pulse, spo2 });
        if (window.length > s.stableReadings) window.shift();
        if (window.length === s.stableReadings && agree(window)) {
          return run.take(
            this.measurement([
              { name: 'spo2', value: median(window.map((r) => r.spo2)), unit: '%' },
              { name: 'pulse', value: median(window.map((r) => r.pulse)), unit: 'bpm' },
            ]),
          );
        }
        if (validSinceStable >= s.motionReadings) {
          run.fail({
            code: 'measurement.motion',
            detail: `${validSinceStable} readings without ${s.stableReadings} in agreement`,
          });
        }
      };

      run.onStop(this.onFrame(onReport));
      run.progress({ stage: 'preparing' });
      watchNoFinger();
      void this.link.write(this.outgoing(encodeStart())).then((sent) => {
        if (!sent.ok)
          run.fail({
            code: this.ended !== null ? 'device.unplugged' : 'device.error',
            detail: sent.error.code,
          });
      });
    });
  }

  // Shows a command on the technician's monitor; answers its bytes, to be written.
  private outgoing(bytes: Uint8Array): Uint8Array {
    this.show({ direction: 'toDevice', bytes, frame: decodeCommand(bytes) });
    return bytes;
  }
}

function agree(window: readonly { pulse: number; spo2: number }[]): boolean {
  const spread = (values: number[]): number => Math.max(...values) - Math.min(...values);
  return (
    spread(window.map((r) => r.spo2)) <= SPO2_SPREAD && spread(window.map((r) => r.pulse)) <= PULSE_SPREAD
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('the median of no readings');
  return middle;
}
