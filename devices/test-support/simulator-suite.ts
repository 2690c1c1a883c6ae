// The checks every HID measuring device passes against its simulator, on the manual clock.
import { expect, it } from 'vitest';
import { checkAfter, failedOnlyWith, measureWithFault, outcomes, type SimulatorRig } from './measuring';

/** A simulator fault, the failure code it must end a measurement with, and how long to measure for (ms). */
export type FaultCase<Fault> = readonly [fault: Fault, code: string, ms: number];

/**
 * Declares, inside the caller's `describe`, that the self-test finds the device working within `checkMs`
 * and that each fault the simulator keeps up ends a measurement with its code and nothing else.
 */
export function itPassesTheSimulatorChecks<Fault>(
  setUp: () => SimulatorRig<Fault>,
  checkMs: number,
  faults: readonly FaultCase<Fault>[],
): void {
  it('the self-test finds it working', async () => {
    const { clock, device } = setUp();
    expect(await checkAfter(device, clock, checkMs)).toBe('ok');
  });

  it.each(faults)('a simulator that keeps up %s ends the measurement with %s', async (fault, code, ms) => {
    expect(outcomes(await measureWithFault(setUp(), fault, ms))).toEqual(failedOnlyWith(code));
  });
}
