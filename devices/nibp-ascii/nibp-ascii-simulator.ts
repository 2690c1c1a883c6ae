// An NIBP module in software: answers the ASCII commands on any ByteLink, inflates and deflates a
// simulated cuff with live pressure lines, and misbehaves on demand. In manometer mode (`14`) it streams
// what the technician's bench applies to the cuff (read with the module's simulated error on `pressure`),
// the applied pressure falling at the bench's leak rate on the simulator's clock. Its pressure lines carry
// the status digit a real module sends: 3 while measuring, 4 in manometer mode.
import { every, type Cancel, type Clock } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import { ScriptedSimulator, type LineFault, type TextLineFaults } from '../scripted-simulator';
import {
  decodeNibpAscii,
  encodeNibpCuffPressure,
  encodeNibpResult,
  NIBP_CUFF_ERROR,
  NIBP_CUFF_STATUS,
} from './nibp-ascii-codec';

/**
 * Faults of the simulated module: the first three happen once, the others last until 'none'.
 * `neonatalCuff`: a neonatal cuff on the module in adult mode, error digit 1 on its pressure lines.
 */
export type NibpAsciiFault = LineFault | 'cuffLeak' | 'overload' | 'error' | 'neonatalCuff';

/** The patient's blood pressure and the pace of the simulated cuff. */
export interface NibpAsciiScenario {
  readonly systolic: number;
  readonly diastolic: number;
  readonly pulse: number;
  /** Time between two pressure lines (default 100 ms). */
  readonly stepMs: number;
}

/** Garbage and a truncated line go out before the good line; a corrupted line goes out instead of it. */
const MODULE_LINE_FAULTS: TextLineFaults = {
  garbage: (line) => ['\xff\x00\x02?!\x03\r', line],
  truncated: (line) => [line.slice(0, 4), line],
  // The module's lines carry no checksum: a corrupted line (noise on a digit) stands for it.
  badChecksum: (line) => [line.replace(/\d/, '#')],
  unplugAfter: 3,
};

/** The manometer mode's error code the simulated module shows under the fault `error`. */
export const NIBP_SIMULATED_MANOMETER_ERROR = '3';

/** A simulated NIBP module on the device side of a link, its cuff moving on `clock`. */
export class NibpAsciiSimulator extends ScriptedSimulator<NibpAsciiScenario, NibpAsciiFault> {
  private stopTimer: Cancel = () => undefined;
  private readonly framer: LineFramer;
  /** Commands received, for tests (`01`, `18`, `X`). */
  readonly received: string[] = [];
  #appliedMmHg = 0;
  #appliedAtMs = 0;
  #leakMmHgPerMin = 0;

  constructor(
    link: ByteLink,
    private readonly clock: Clock,
  ) {
    super(link, { systolic: 128, diastolic: 82, pulse: 72, stepMs: 100 });
    this.framer = new LineFramer({ delimiter: '\r' }, (line) => void this.command(line));
    link.onData((chunk) => this.framer.push(chunk));
    link.onEnd(() => this.stopCycle());
  }

  /** The bench: the pressure the reference manometer shows on the cuff now, in mmHg. */
  applyPressure(mmHg: number): void {
    this.#appliedMmHg = mmHg;
    this.#appliedAtMs = this.clock.now();
  }

  /** The bench: how fast the applied pressure falls (a leak in the cuff or the tubing), in mmHg/min. */
  setLeakRate(mmHgPerMin: number): void {
    this.applyPressure(this.appliedPressure());
    this.#leakMmHgPerMin = mmHgPerMin;
  }

  /** The pressure applied to the cuff now: what the reference manometer shows, after the leak. */
  appliedPressure(): number {
    const leaked = (this.#leakMmHgPerMin * (this.clock.now() - this.#appliedAtMs)) / 60_000;
    return Math.max(0, this.#appliedMmHg - leaked);
  }

  /** Switches the module off: the cuff cycle stops and no command is answered any more. */
  override stop(): void {
    this.stopCycle();
    this.fault = 'silence';
  }

  private async command(line: string): Promise<void> {
    const frame = decodeNibpAscii(line);
    if (!frame.ok) return;
    if (frame.value.type === 'stop') {
      this.received.push('X');
      return this.stopCycle();
    }
    if (frame.value.type !== 'command' || this.fault === 'silence') return;
    this.received.push(frame.value.code);
    if (frame.value.code === '01') return this.startCycle();
    if (frame.value.code === '14') return this.startManometer();
    if (frame.value.code === '18') {
      const { systolic, diastolic, pulse } = this.scenario;
      const message = this.fault === 'error' ? '07' : '00';
      return this.send(
        encodeNibpResult({
          systolic,
          diastolic,
          meanArterial: Math.round((systolic + 2 * diastolic) / 3),
          pulse,
          message,
        }),
      );
    }
  }

  private startCycle(): void {
    this.stopCycle();
    // Inflate by 20 mmHg steps to systolic + 40, deflate by 10 to 40, then 999 closes the cycle.
    const target = this.fault === 'overload' ? 320 : this.scenario.systolic + 40;
    const pressures: number[] = [];
    for (let p = 0; p <= target; p += 20) pressures.push(p);
    for (let p = target; p >= 40; p -= 10) pressures.push(p);
    pressures.push(999);
    let index = 0;
    this.stopTimer = every(this.clock, this.scenario.stepMs, () => {
      if (this.fault === 'silence') return;
      const leak = this.fault === 'cuffLeak';
      const pressure = pressures[index] ?? 999;
      index += 1;
      if (index >= pressures.length && !leak) this.stopCycle();
      void this.send(
        encodeNibpCuffPressure(
          leak ? 5 + (index % 3) : pressure,
          this.fault === 'neonatalCuff' ? NIBP_CUFF_ERROR.neonatalCuff : NIBP_CUFF_ERROR.none,
          NIBP_CUFF_STATUS.measuring,
        ),
      );
    });
  }

  private startManometer(): void {
    this.stopCycle();
    this.stopTimer = every(this.clock, this.scenario.stepMs, () => {
      if (this.fault === 'silence') return;
      const error = this.fault === 'error' ? NIBP_SIMULATED_MANOMETER_ERROR : '0';
      const mmHg = this.withError('pressure', this.appliedPressure());
      void this.send(encodeNibpCuffPressure(mmHg, error, NIBP_CUFF_STATUS.manometer));
    });
  }

  private stopCycle(): void {
    this.stopTimer();
  }

  protected override cablePulled(): void {
    this.stopCycle();
  }

  private async send(line: string): Promise<void> {
    await this.sendLine(line, MODULE_LINE_FAULTS);
  }
}
