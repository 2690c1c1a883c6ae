// Runs a measuring device on the manual clock and reads what the measurement came to.
import { expect } from 'vitest';
import type { MeasurementFact } from '../../contract';
import type { ManualClock } from '../../test/support/manual-clock';
import type { MeasuringDevice } from '../measuring-device';
import type { Checkable, PeripheralState } from '../peripheral';

/** Starts a measurement and lets `ms` pass on the clock; answers the facts, which keep coming after. */
export async function measureFor(
  device: MeasuringDevice,
  clock: ManualClock,
  ms: number,
): Promise<MeasurementFact[]> {
  const facts: MeasurementFact[] = [];
  device.measure((fact) => facts.push(fact));
  await clock.advance(ms);
  return facts;
}

/** A device talking to its simulator on the manual clock, as a test sets them up. */
export interface SimulatorRig<Fault> {
  readonly clock: ManualClock;
  readonly device: MeasuringDevice;
  readonly simulator: { misbehave(fault: Fault): void };
}

/** Makes the simulator misbehave with `fault` from the start, then measures for `ms`; answers the facts. */
export async function measureWithFault<Fault>(
  rig: SimulatorRig<Fault>,
  fault: Fault,
  ms: number,
): Promise<MeasurementFact[]> {
  rig.simulator.misbehave(fault);
  return measureFor(rig.device, rig.clock, ms);
}

/** Runs the self-test and lets `ms` pass on the clock; answers its verdict. */
export async function checkAfter(
  device: Checkable,
  clock: ManualClock,
  ms: number,
): Promise<PeripheralState> {
  const state = device.check();
  await clock.advance(ms);
  return state;
}

/** The facts other than progress: what the measurement came to. */
export const outcomes = (facts: readonly MeasurementFact[]): MeasurementFact[] =>
  facts.filter((fact) => fact.type !== 'measurement.progressed');

/** The outcome, or undefined while the measurement runs. */
export const outcomeOf = (facts: readonly MeasurementFact[]): MeasurementFact | undefined =>
  outcomes(facts).at(-1);

/** What `outcomes` should be for a measurement that failed with `code` and nothing else. */
export const failedOnlyWith = (code: string): unknown[] => [
  { type: 'measurement.failed', error: expect.objectContaining({ code }) as unknown },
];

/** The progress stages reported, in order. */
export const stagesOf = (facts: readonly MeasurementFact[]): string[] =>
  facts.flatMap((fact) => (fact.type === 'measurement.progressed' ? [fact.progress.stage] : []));
