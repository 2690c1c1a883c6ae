// Runs a measuring device on the manual clock and reads what the measurement came to.
import { expect } from 'vitest';
import type { Clock, MeasurementFact } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { ManualClock } from '../../test/support/manual-clock';
import type { MeasuringDevice } from '../measuring-device';
import type { Checkable, PeripheralState } from '../peripheral';
import type { ScriptedSimulator } from '../scripted-simulator';

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

/** A serial model's two halves as a test builds them, each on its end of a link. */
export interface SerialHalves<Simulator> {
  readonly device: (link: ByteLink, clock: Clock) => MeasuringDevice;
  readonly simulator: (link: ByteLink, clock: Clock) => Simulator;
}

/** How one measurement over a memory link goes: the patient, the fault shown, the chunks, how long. */
export interface MemoryLinkRun<Scenario, Fault> {
  readonly scenario: Partial<Scenario>;
  readonly fault: Fault | 'none';
  /** The link delivers writes cut in pieces of this many bytes (whole writes when absent). */
  readonly chunkSize?: number;
  /** How long the measurement runs on the clock (2 s when absent). */
  readonly ms?: number;
}

/**
 * Measures once on a fresh manual clock, the device and its simulator on the two ends of a memory link;
 * then switches the simulator off and unplugs. Answers every fact, the outcome and the simulator.
 */
export async function measureOverMemoryLink<
  Scenario extends object,
  Fault extends string,
  Simulator extends ScriptedSimulator<Scenario, Fault>,
>(halves: SerialHalves<Simulator>, run: MemoryLinkRun<Scenario, Fault>) {
  const clock = new ManualClock();
  const pair = createMemoryLinkPair(run.chunkSize === undefined ? {} : { chunkSize: run.chunkSize });
  const device = halves.device(pair[0], clock);
  const simulator = halves.simulator(pair[1], clock);
  simulator.setScenario(run.scenario);
  simulator.misbehave(run.fault);
  const facts = await measureFor(device, clock, run.ms ?? 2000);
  simulator.stop();
  pair.unplug();
  return { facts, last: outcomeOf(facts), simulator };
}
