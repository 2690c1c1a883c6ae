// Time for the interim simulators, passed in so that tests can run them on a fake clock.

/** Schedules a callback after `ms`; answers the function that cancels it. */
export type Schedule = (ms: number, callback: () => void) => () => void;

/** The real-time schedule used by `npm start`. */
export const realTimeSchedule: Schedule = (ms, callback) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

/** Runs callbacks one after the other with the given gaps; answers a cancel for all that remain. */
export function runSequence(
  schedule: Schedule,
  steps: readonly (readonly [number, () => void])[],
): () => void {
  let cancelCurrent: () => void = () => undefined;
  let cancelled = false;
  const runFrom = (index: number): void => {
    const step = steps[index];
    if (cancelled || step === undefined) return;
    cancelCurrent = schedule(step[0], () => {
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
