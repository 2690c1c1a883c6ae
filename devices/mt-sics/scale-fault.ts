// The faults a simulated scale shows, shared by the MT-SICS and A&D simulators.
import type { LineFault } from '../scripted-simulator';

/** Faults of a simulated scale: the first three happen once, the others last until 'none'. */
export type ScaleFault = LineFault | 'unstable' | 'overload' | 'error';

/** The patient on the simulated scale, and how many polls pass before the weight settles. */
export interface ScaleScenario {
  readonly weightKg: number;
  /** Polls answered empty, then moving, before the weight is stable (default 2 and 2). */
  readonly emptyPolls: number;
  readonly movingPolls: number;
}

/** The reading a simulated scale gives at a poll, following the scenario and the fault. */
export function scaleAt(
  scenario: ScaleScenario,
  fault: ScaleFault,
  poll: number,
): { readonly stable: boolean; readonly kg: number } {
  if (poll < scenario.emptyPolls) return { stable: true, kg: 0 };
  const moving = fault === 'unstable' || poll < scenario.emptyPolls + scenario.movingPolls;
  return moving
    ? { stable: false, kg: scenario.weightKg + (poll % 2 === 0 ? 0.35 : -0.4) }
    : { stable: true, kg: scenario.weightKg };
}
