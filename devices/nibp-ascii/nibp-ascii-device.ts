// The NIBP module on its link: host-triggered (`01` start), live cuff pressure while inflating, `999`
// at the end of the cycle, then `18` for the result. A cuff that never builds pressure is a leak (or a
// cuff not on the arm): the measurement is stopped with `X` and refused as measurement.cuffLeak.
import type { CabinError } from '../../contract';
import type { ByteLink, LinkEnd } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import type { MeasurementFact, MeasuringDevice } from '../measuring-device';
import type { Cancel, PeripheralState } from '../peripheral';
import { realTimeSchedule, type Schedule } from '../simulated/simulation-timer';
import {
  decodeNibpAscii,
  encodeNibpCommand,
  NIBP_COMMANDS,
  NIBP_END_OF_CYCLE,
  NIBP_STOP,
  type NibpFrame,
} from './nibp-ascii-codec';

/** What `diag monitor` prints for the NIBP module: each decoded line. */
export type NibpAsciiDecodedFrame = NibpFrame;

/** Timing of the NIBP device (defaults suit a patient; tests shorten them). */
export interface NibpAsciiDeviceOptions {
  readonly schedule?: Schedule;
  readonly now?: () => number;
  /** No line from the module for this long during a measurement (default 5 s). */
  readonly silenceMs?: number;
  /** The cuff must pass `leakPressureMmHg` within this time after start (default 10 s). */
  readonly leakMs?: number;
  readonly leakPressureMmHg?: number;
  /** Above this the module is over-pressurising (IEC 80601-2-30 limits adult cuffs to 300 mmHg). */
  readonly overPressureMmHg?: number;
}

/** An OEM NIBP module speaking the ASCII protocol on a byte link. */
export class NibpAsciiDevice implements MeasuringDevice {
  readonly kind = 'bloodPressure' as const;
  private readonly framer: LineFramer;
  private ended: LinkEnd | undefined;
  private readonly monitors = new Set<(frame: NibpFrame) => void>();
  private lineListener: ((frame: NibpFrame) => void) | undefined;
  private endListener: ((end: LinkEnd) => void) | undefined;
  private readonly schedule: Schedule;

  constructor(
    private readonly link: ByteLink,
    private readonly options: NibpAsciiDeviceOptions = {},
  ) {
    this.schedule = options.schedule ?? realTimeSchedule;
    this.framer = new LineFramer({ delimiter: '\r', maxLineLength: 80 }, (line) => {
      const frame = decodeNibpAscii(line);
      if (!frame.ok) return;
      for (const monitor of this.monitors) monitor(frame.value);
      this.lineListener?.(frame.value);
    });
    link.onData((chunk) => this.framer.push(chunk));
    link.onEnd((end) => {
      this.ended = end;
      this.endListener?.(end);
    });
  }

  async check(): Promise<PeripheralState> {
    if (this.ended !== undefined) return 'absent';
    // `18` (get result) answers at once without moving the cuff: a harmless liveness probe.
    return new Promise((resolve) => {
      const cancel = this.schedule(1500, () => {
        this.lineListener = undefined;
        resolve('absent');
      });
      this.lineListener = (frame) => {
        if (frame.type !== 'result') return;
        cancel();
        this.lineListener = undefined;
        resolve('ok');
      };
      void this.link.write(encodeNibpCommand(NIBP_COMMANDS.getResult));
    });
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    let done = false;
    let peak = 0;
    let pressureSeen = false;
    let cycleEnded = false;
    const cancels: (() => void)[] = [];
    const stop = () => {
      done = true;
      this.lineListener = undefined;
      this.endListener = undefined;
      cancels.forEach((cancel) => cancel());
    };
    const finish = (fact: MeasurementFact) => {
      if (done) return;
      stop();
      report(fact);
    };
    const fail = (error: CabinError, stopCuff = false) => {
      if (stopCuff && this.ended === undefined) void this.link.write(NIBP_STOP);
      finish({ type: 'failed', error });
    };
    let cancelSilence: () => void = () => undefined;
    const armSilence = () => {
      cancelSilence();
      cancelSilence = this.schedule(this.options.silenceMs ?? 5000, () =>
        fail({ code: 'device.timeout', detail: 'no line from the NIBP module' }, true),
      );
    };
    cancels.push(() => cancelSilence());
    cancels.push(
      this.schedule(this.options.leakMs ?? 10_000, () => {
        // Only a module that reports pressures can show a leak; a mute one is the silence timer's.
        if (pressureSeen && peak < (this.options.leakPressureMmHg ?? 40))
          fail({ code: 'measurement.cuffLeak' }, true);
      }),
    );
    this.endListener = (end) =>
      fail({ code: end === 'silent' ? 'device.timeout' : 'device.unplugged', detail: this.link.name });
    this.lineListener = (frame) => {
      armSilence();
      if (frame.type === 'cuffPressure') {
        if (frame.pressureMmHg === NIBP_END_OF_CYCLE) {
          cycleEnded = true;
          void this.link.write(encodeNibpCommand(NIBP_COMMANDS.getResult));
          return;
        }
        if (frame.pressureMmHg > (this.options.overPressureMmHg ?? 300))
          return fail({ code: 'measurement.overload', detail: `${frame.pressureMmHg} mmHg` }, true);
        if (frame.error !== '0')
          return fail({ code: 'device.error', detail: `cuff error ${frame.error}` }, true);
        peak = Math.max(peak, frame.pressureMmHg);
        pressureSeen = true;
        report({
          type: 'progressed',
          progress: { stage: 'inflating', cuffPressureMmHg: frame.pressureMmHg },
        });
        return;
      }
      if (frame.type !== 'result' || !cycleEnded) return;
      if (frame.message !== '00')
        return fail({ code: 'device.error', detail: `NIBP message ${frame.message}` });
      if (frame.systolic === 0 || frame.diastolic === 0) return fail({ code: 'measurement.unstable' });
      finish({
        type: 'taken',
        measurement: {
          kind: 'bloodPressure',
          quantities: [
            { name: 'systolic', value: frame.systolic, unit: 'mmHg' },
            { name: 'diastolic', value: frame.diastolic, unit: 'mmHg' },
            { name: 'meanArterial', value: frame.meanArterial, unit: 'mmHg' },
            { name: 'pulse', value: frame.pulse, unit: 'bpm' },
          ],
          takenAt: (this.options.now ?? Date.now)(),
        },
      });
    };
    if (this.ended !== undefined) {
      queueMicrotask(() => fail({ code: 'device.unplugged' }));
    } else {
      armSilence();
      void this.link.write(encodeNibpCommand(NIBP_COMMANDS.start)).then((written) => {
        if (!written.ok) fail({ code: 'device.unplugged', detail: written.error.code });
      });
    }
    return () => {
      if (done) return;
      stop();
      // Cancelling deflates the cuff at once: the stop command.
      if (this.ended === undefined) void this.link.write(NIBP_STOP);
    };
  }

  /** Subscribes the technician's monitor to every decoded line; answers the unsubscribe function. */
  monitor(listener: (frame: NibpFrame) => void): () => void {
    this.monitors.add(listener);
    return () => this.monitors.delete(listener);
  }

  /** Closes the link; the device is finished. */
  close(): Promise<void> {
    return this.link.close();
  }
}
