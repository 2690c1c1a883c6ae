// What the byte-level simulators of the serial models share: the patient they read, the fault they show,
// and the link they speak on (its device side). Each protocol answers its own commands.
import type { CalibrationQuantity } from '../contract';
import type { ByteLink } from '../drivers/byte-link';

/** The faults every serial simulator can show: once for garbage, truncated, badChecksum and unplug. */
export type LineFault = 'none' | 'garbage' | 'truncated' | 'badChecksum' | 'unplug' | 'silence';

/**
 * How a text protocol's simulator shows the line faults on a line it sends: for garbage, truncated and
 * badChecksum, the text written instead of the line (in order), or null when this line cannot show the
 * fault (it waits for the next line); for unplug, how many characters go out before the cable is pulled.
 */
export interface TextLineFaults {
  /** What the protocol appends to a line that goes out whole; none when its lines carry their end. */
  readonly ending?: string;
  readonly garbage: (line: string) => readonly string[] | null;
  readonly truncated: (line: string) => readonly string[] | null;
  readonly badChecksum: (line: string) => readonly string[] | null;
  readonly unplugAfter: number;
}

/**
 * A simulated device's own error on one quantity, for the technician's bench: it reads the reference
 * (what a black body, a test weight, a manometer or a functional tester applies) as reference × gain + offset.
 */
export interface SimulatedError {
  readonly offset: number;
  readonly gain: number;
}

/** A device that reads exactly what is applied (every simulator's default). */
export const NO_SIMULATED_ERROR: SimulatedError = { offset: 0, gain: 1 };

const latin1 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

/** A simulated device on the device side of a link: a scenario (the patient) and a fault on demand. */
export abstract class ScriptedSimulator<Scenario extends object, Fault extends string> {
  protected fault: Fault | 'none' = 'none';
  readonly #errors = new Map<CalibrationQuantity, SimulatedError>();

  constructor(
    protected readonly link: ByteLink,
    protected scenario: Scenario,
  ) {}

  /** Sets the patient's values from the next measurement on. */
  setScenario(scenario: Partial<Scenario>): void {
    this.scenario = { ...this.scenario, ...scenario };
  }

  /** Shows a fault: once for garbage, truncated, badChecksum and unplug; until 'none' for the others. */
  misbehave(fault: Fault | 'none'): void {
    this.fault = fault;
  }

  /** Gives the device an error on `quantity` from now on (none by default). */
  setDeviceError(quantity: CalibrationQuantity, error: SimulatedError): void {
    this.#errors.set(quantity, error);
  }

  /** What the device reads of `reference` on `quantity`, with its simulated error. */
  protected withError(quantity: CalibrationQuantity, reference: number): number {
    const error = this.#errors.get(quantity) ?? NO_SIMULATED_ERROR;
    return reference * error.gain + error.offset;
  }

  /** Switches the device off: it sends and answers nothing more. */
  abstract stop(): void;

  /** Called when the cable is pulled in the middle of a line, before the link closes. */
  protected cablePulled(): void {}

  /**
   * Sends one text line (latin1), showing the current fault if it is a line fault: garbage, truncated and
   * badChecksum once (the fault is then cleared), unplug by sending the start of the line and closing.
   */
  protected async sendLine(line: string, faults: TextLineFaults): Promise<void> {
    const fault: string = this.fault;
    if (fault === 'unplug') {
      this.cablePulled();
      await this.link.write(latin1(line.slice(0, faults.unplugAfter)));
      await this.link.close();
      return;
    }
    const shown =
      fault === 'garbage' || fault === 'truncated' || fault === 'badChecksum' ? faults[fault](line) : null;
    if (shown !== null) this.fault = 'none';
    for (const text of shown ?? [`${line}${faults.ending ?? ''}`]) await this.link.write(latin1(text));
  }
}
