// Steps one after the other on a clock: how the domain-level simulators (and the simulated platform)
// play a card read, a measurement or a waiting room.
import { after, type Cancel, type Clock } from '../../contract';

/** Runs callbacks one after the other with the given gaps on `clock`; answers a cancel for all that remain. */
export function runSequence(clock: Clock, steps: readonly (readonly [number, () => void])[]): Cancel {
  let cancelCurrent: Cancel = () => undefined;
  let cancelled = false;
  const runFrom = (index: number): void => {
    const step = steps[index];
    if (cancelled || step === undefined) return;
    cancelCurrent = after(clock, step[0], () => {
      step[1]();
      runFrom(index + 1);
    });
  };
  runFrom(0);
  return () => {
    cancelled = true;
    cancelCurrent();
  };
}
