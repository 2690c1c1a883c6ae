// What the byte-level simulators of the serial models share: the patient they read, the fault they show,
// and the link they speak on (its device side). Each protocol answers its own commands.
import type { ByteLink } from '../drivers/byte-link';

/** The faults every serial simulator can show: once for garbage, truncated, badChecksum and unplug. */
export type LineFault = 'none' | 'garbage' | 'truncated' | 'badChecksum' | 'unplug' | 'silence';

/** A simulated device on the device side of a link: a scenario (the patient) and a fault on demand. */
export abstract class ScriptedSimulator<Scenario extends object, Fault extends string> {
  protected fault: Fault | 'none' = 'none';

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

  /** Switches the device off: it sends and answers nothing more. */
  abstract stop(): void;
}
