// The Beurer PO 80 as a measuring device: start live data, keep it alive, and take SpO2 and pulse once
// a few readings in a row agree; no finger, motion, silence, garbage and unplug end it with a code.
import type { CabinError, Measurement, Result } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { HidMeasuringDevice, type HidDeviceTiming, type HidMonitorEntry } from '../hid-measuring-device';
import type { MeasurementFact, MeasuringDevice } from '../measuring-device';
import type { Cancel, PeripheralState } from '../peripheral';
import {
  decodeCommand,
  decodeReport,
  encodeKeepAlive,
  encodeStart,
  type BeurerCommand,
  type BeurerFrame,
} from './beurer-codec';

/** One report seen on the link, decoded, for the technician's monitor. */
export type BeurerMonitorEntry = HidMonitorEntry<BeurerCommand, BeurerFrame>;

/** Thresholds of a measurement; defaults suit the real device. */
export interface BeurerDeviceOptions extends HidDeviceTiming {
  /** No report for this long: the device stopped talking. */
  readonly silenceMs?: number;
  /** No finger for this long: the patient is asked again. */
  readonly noFingerMs?: number;
  /** Readings in a row that must agree. */
  readonly stableReadings?: number;
  /** Valid readings without agreement before giving up on motion. */
  readonly motionReadings?: number;
  /** Undecodable reports since the last good live report before calling the device faulty. */
  readonly maxBadReports?: number;
  /** Reports received between two keep-alives (hid.py: about 10). */
  readonly keepAliveEvery?: number;
}

const DEFAULTS = {
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

/** The PO 80 on a HID link; owns the link. */
export class BeurerPo80Device
  extends HidMeasuringDevice<BeurerMonitorEntry, typeof DEFAULTS>
  implements MeasuringDevice
{
  readonly kind = 'oxygenSaturation' as const;
  private measuring = false;

  constructor(link: ByteLink, options: BeurerDeviceOptions = {}) {
    super(link, DEFAULTS, options);
    link.onData((bytes) => this.emit({ direction: 'fromDevice', bytes, frame: decodeReport(bytes) }));
  }

  /** 'ok' when the device answers the start command with a decodable report; never throws. */
  check(): Promise<PeripheralState> {
    if (this.ended) return Promise.resolve('absent');
    if (this.measuring) return Promise.resolve('ok');
    return new Promise((resolve) => {
      let bad = 0;
      const done = (state: PeripheralState): void => {
        stopData();
        stopEnd();
        cancelTimer();
        resolve(state);
      };
      const stopData = this.link.onData((bytes) => {
        if (decodeReport(bytes).ok) done('ok');
        else if ((bad += 1) >= this.settings.maxBadReports) done('faulty');
      });
      const stopEnd = this.link.onEnd(() => done('absent'));
      const cancelTimer = this.schedule(this.settings.silenceMs, () => done('faulty'));
      void this.send(encodeStart()).then((sent) => {
        if (!sent.ok) done(this.ended ? 'absent' : 'faulty');
      });
    });
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    const s = this.settings;
    let finished = false;
    let received = 0;
    let badInARow = 0;
    let validSinceStable = 0;
    let fingerShown = false;
    const window: { pulse: number; spo2: number }[] = [];
    let cancelSilence: () => void = () => undefined;
    let cancelNoFinger: (() => void) | null = null;

    const stop = (): void => {
      finished = true;
      this.measuring = false;
      stopData();
      stopEnd();
      cancelSilence();
      cancelNoFinger?.();
    };
    const finish = (fact: MeasurementFact): void => {
      if (finished) return;
      stop();
      report(fact);
    };
    const fail = (error: CabinError): void => finish({ type: 'failed', error });
    const watchSilence = (): void => {
      cancelSilence();
      cancelSilence = this.schedule(s.silenceMs, () =>
        fail({ code: 'device.timeout', detail: `no report in ${s.silenceMs} ms` }),
      );
    };
    const watchNoFinger = (): void => {
      cancelNoFinger ??= this.schedule(s.noFingerMs, () =>
        fail({ code: 'measurement.noFinger', detail: `no value for ${s.noFingerMs} ms` }),
      );
    };

    const onReport = (bytes: Uint8Array): void => {
      if (finished) return;
      watchSilence();
      received += 1;
      if (received % s.keepAliveEvery === 0) void this.send(encodeKeepAlive());
      const frame = decodeReport(bytes);
      if (!frame.ok) {
        badInARow += 1;
        if (badInARow >= s.maxBadReports) {
          fail({
            code: 'device.error',
            detail: `${badInARow} bad reports in a row, last ${frame.error.code}`,
          });
        }
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
        report({ type: 'progressed', progress: { stage: 'fingerDetected' } });
        report({ type: 'progressed', progress: { stage: 'keepStill' } });
      }
      validSinceStable += 1;
      window.push({ pulse, spo2 });
      if (window.length > s.stableReadings) window.shift();
      if (window.length === s.stableReadings && agree(window)) {
        return finish({ type: 'taken', measurement: this.measurement(window) });
      }
      if (validSinceStable >= s.motionReadings) {
        fail({
          code: 'measurement.motion',
          detail: `${validSinceStable} readings without ${s.stableReadings} in agreement`,
        });
      }
    };

    const stopData = this.link.onData(onReport);
    const stopEnd = this.link.onEnd((end) =>
      fail({ code: 'device.unplugged', detail: `${this.link.name}: link ${end}` }),
    );
    if (this.ended) {
      fail({ code: 'device.unplugged', detail: `${this.link.name}: link ${this.ended}` });
      return () => undefined;
    }
    this.measuring = true;
    report({ type: 'progressed', progress: { stage: 'preparing' } });
    watchSilence();
    watchNoFinger();
    void this.send(encodeStart()).then((sent) => {
      if (!sent.ok) fail({ code: this.ended ? 'device.unplugged' : 'device.error', detail: sent.error.code });
    });
    return () => {
      if (!finished) stop();
    };
  }

  private send(bytes: Uint8Array): Promise<Result<void>> {
    this.emit({ direction: 'toDevice', bytes, frame: decodeCommand(bytes) });
    return this.link.write(bytes);
  }

  private measurement(window: readonly { pulse: number; spo2: number }[]): Measurement {
    return {
      kind: 'oxygenSaturation',
      quantities: [
        { name: 'spo2', value: median(window.map((r) => r.spo2)), unit: '%' },
        { name: 'pulse', value: median(window.map((r) => r.pulse)), unit: 'bpm' },
      ],
      takenAt: this.now(),
    };
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
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
