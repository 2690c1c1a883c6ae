// One measurement of a device for a procedure, with a deadline on the given clock.
import { after, type Clock, type MeasurementFact } from '../../contract';
import type { MeasuringDevice } from '../../devices/measuring-device';

/** The outcome of a measurement that has ended. */
export type MeasurementOutcome = Exclude<MeasurementFact, { type: 'measurement.progressed' }>;

/** Starts one measurement and answers its outcome, or undefined when `ms` pass first (the measurement is then cancelled). */
export function measureOnce(
  device: MeasuringDevice,
  clock: Clock,
  ms: number,
): Promise<MeasurementOutcome | undefined> {
  return new Promise((resolve) => {
    let done = false;
    let cancel: () => void = () => undefined;
    const cancelTimer = after(clock, Math.max(ms, 0), () => {
      if (done) return;
      done = true;
      cancel();
      resolve(undefined);
    });
    cancel = device.measure((fact) => {
      if (fact.type === 'measurement.progressed' || done) return;
      done = true;
      cancelTimer();
      resolve(fact);
    });
    // A device that reports synchronously has already resolved: nothing left to cancel.
    if (done) cancel = () => undefined;
  });
}
