// The NIBP module on its link: host-triggered (`01` start), live cuff pressure through the cycle (up to
// its peak, then down as the valve lets the air out, the oscillometric reading), `999` at the end of the
// cycle, then `18` for the result. The patient sees `inflating` until the pressure falls clearly below
// its peak, then `deflating`. A cuff that never builds pressure is a leak (or a cuff not on the arm): the
// measurement is stopped with `X` and refused as measurement.cuffLeak.
// Manometer mode (`14`, for the technician's check against a reference manometer): the module streams the
// cuff pressure lines without inflating, until the stop `X`.
import {
  after,
  type CabinError,
  type Cancel,
  type Clock,
  type DeviceIdentity,
  type MeasurementFact,
  type Result,
} from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { lineFraming, linkEndError, LinkMeasuringDevice } from '../link-measuring-device';
import type { ManometerMode } from '../measuring-device';
import type { PeripheralState } from '../peripheral';
import {
  decodeNibpAscii,
  encodeNibpCommand,
  NIBP_COMMANDS,
  NIBP_END_OF_CYCLE,
  NIBP_STOP,
  type NibpFrame,
} from './nibp-ascii-codec';

/** Timing and limits of the NIBP device (defaults suit a patient; tests shorten them). */
export interface NibpAsciiSettings {
  /** No line from the module for this long during a measurement. */
  readonly silenceMs: number;
  /** The cuff must pass `leakPressureMmHg` within this time after start. */
  readonly leakMs: number;
  readonly leakPressureMmHg: number;
  /** Above this the module is over-pressurising (IEC 80601-2-30 limits adult cuffs to 300 mmHg). */
  readonly overPressureMmHg: number;
}

/**
 * How far below its peak the cuff pressure must fall to count as deflating, in mmHg: more than the
 * ±3 mmHg accuracy of a cuff manometer (IEC 80601-2-30), so that noise at the peak is not taken for it.
 */
export const NIBP_DEFLATING_DROP_MMHG = 5;

const DEFAULTS: NibpAsciiSettings = {
  silenceMs: 5000,
  leakMs: 10_000,
  leakPressureMmHg: 40,
  overPressureMmHg: 300,
};

/** An OEM NIBP module speaking the ASCII protocol on a byte link; its monitor shows each decoded line. */
export class NibpAsciiDevice extends LinkMeasuringDevice<NibpFrame, NibpAsciiSettings> {
  readonly kind = 'bloodPressure' as const;

  constructor(link: ByteLink, clock: Clock, options: Partial<NibpAsciiSettings> = {}) {
    super(link, clock, DEFAULTS, options, lineFraming('\r', 80, decodeNibpAscii));
  }

  /** The module's manometer mode: the cuff pressure as it is, for the check against a reference manometer. */
  readonly manometer: ManometerMode = {
    startManometer: (onPressure, onEnd) => this.#startManometer(onPressure, onEnd),
  };

  async check(): Promise<PeripheralState> {
    return (await this.#answersResult()) ? 'ok' : 'absent';
  }

  /**
   * The ASCII protocol has no identification command: the public sources (the NIBP_SINNOR_N6 Arduino
   * library, tincho77/NIBP-ABATON) know only `01`, `03`, `14`, `17`, `18`, `19`–`25` and `X`, and no line
   * of the module carries a model, serial number or firmware version. So every field is null once the
   * module answers `18`; the USB-serial adapter's descriptors tell what they can.
   */
  identify(): Promise<Result<DeviceIdentity>> {
    return this.silentIdentity(() => this.#answersResult());
  }

  /**
   * `18` (get result) answers at once without moving the cuff: a liveness probe. Its answer is the
   * module's last result, maybe a past patient's: the cabin does not keep it (see `checkPeripherals`).
   */
  async #answersResult(): Promise<boolean> {
    const probe = encodeNibpCommand(NIBP_COMMANDS.getResult);
    return (await this.nextFrame(1500, (frame) => frame.type === 'result', probe)) !== null;
  }

  /**
   * Enters manometer mode (`14`): each cuff pressure line goes to `onPressure`; a line with an error code,
   * the module's silence or the link's end stops the mode with `onEnd`; the answered cancel sends `X`.
   */
  #startManometer(onPressure: (mmHg: number) => void, onEnd: (error: CabinError) => void): Cancel {
    let over = false;
    const stops: Cancel[] = [];
    const finish = (): void => {
      over = true;
      for (const stop of stops.splice(0)) stop();
    };
    const leaveMode = (): void => {
      if (this.ended === null) void this.link.write(NIBP_STOP);
    };
    const end = (error: CabinError, stopModule: boolean): void => {
      if (over) return;
      finish();
      if (stopModule) leaveMode();
      onEnd(error);
    };
    const ended = this.ended;
    if (ended !== null) {
      queueMicrotask(() => end(linkEndError(this.link, ended), false));
      return finish;
    }
    let cancelSilence: Cancel = () => undefined;
    const heard = (): void => {
      cancelSilence();
      cancelSilence = after(this.clock, this.settings.silenceMs, () =>
        end({ code: 'device.timeout', detail: 'no pressure line in manometer mode' }, true),
      );
    };
    stops.push(() => cancelSilence());
    heard();
    stops.push(this.link.onEnd((end_) => end(linkEndError(this.link, end_), false)));
    stops.push(
      this.onFrame((frame) => {
        if (frame.type !== 'cuffPressure') return;
        heard();
        if (frame.error !== '0')
          return end({ code: 'device.error', detail: `manometer error ${frame.error}` }, true);
        // 999 closes a measurement cycle; it is no pressure.
        if (frame.pressureMmHg !== NIBP_END_OF_CYCLE) onPressure(frame.pressureMmHg);
      }),
    );
    void this.link.write(encodeNibpCommand(NIBP_COMMANDS.manometer)).then((written) => {
      if (!written.ok) end({ code: 'device.unplugged', detail: written.error.code }, false);
    });
    return () => {
      if (over) return;
      finish();
      leaveMode();
    };
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    return this.startMeasurement(report, (run) => {
      const s = this.settings;
      let peak = 0;
      let pressureSeen = false;
      let deflating = false;
      let cycleEnded = false;
      // Stopping deflates the cuff at once: after a refusal, and when the measurement is cancelled.
      const stopCuff = (): void => {
        if (this.ended === null) void this.link.write(NIBP_STOP);
      };
      const refuse = (error: CabinError): void => {
        if (run.over) return;
        stopCuff();
        run.fail(error);
      };
      run.onCancel(stopCuff);
      const heard = run.silenceWatch(s.silenceMs, () =>
        refuse({ code: 'device.timeout', detail: 'no line from the NIBP module' }),
      );
      run.after(s.leakMs, () => {
        // Only a module that reports pressures can show a leak; a mute one is the silence watch's.
        if (pressureSeen && peak < s.leakPressureMmHg) refuse({ code: 'measurement.cuffLeak' });
      });
      const onLine = (frame: NibpFrame): void => {
        heard();
        if (frame.type === 'cuffPressure') {
          if (frame.pressureMmHg === NIBP_END_OF_CYCLE) {
            cycleEnded = true;
            void this.link.write(encodeNibpCommand(NIBP_COMMANDS.getResult));
            return;
          }
          if (frame.pressureMmHg > s.overPressureMmHg)
            return refuse({ code: 'measurement.overload', detail: `${frame.pressureMmHg} mmHg` });
          if (frame.error !== '0')
            return refuse({ code: 'device.error', detail: `cuff error ${frame.error}` });
          peak = Math.max(peak, frame.pressureMmHg);
          pressureSeen = true;
          // Once it deflates it stays deflating: the small rises of the oscillations are not a new inflation.
          deflating ||= frame.pressureMmHg <= peak - NIBP_DEFLATING_DROP_MMHG;
          const stage = deflating ? 'deflating' : 'inflating';
          run.progress({ stage, cuffPressureMmHg: frame.pressureMmHg });
          return;
        }
        if (frame.type !== 'result' || !cycleEnded) return;
        if (frame.message !== '00')
          return run.fail({ code: 'device.error', detail: `NIBP message ${frame.message}` });
        if (frame.systolic === 0 || frame.diastolic === 0) return run.fail({ code: 'measurement.unstable' });
        run.take(
          this.measurement([
            { name: 'systolic', value: frame.systolic, unit: 'mmHg' },
            { name: 'diastolic', value: frame.diastolic, unit: 'mmHg' },
            { name: 'meanArterial', value: frame.meanArterial, unit: 'mmHg' },
            { name: 'pulse', value: frame.pulse, unit: 'bpm' },
          ]),
        );
      };
      run.onStop(this.onFrame(onLine));
      void this.link.write(encodeNibpCommand(NIBP_COMMANDS.start)).then((written) => {
        if (!written.ok) run.fail({ code: 'device.unplugged', detail: written.error.code });
      });
    });
  }
}
