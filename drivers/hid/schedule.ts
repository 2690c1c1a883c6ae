// Time for links, devices and simulators, passed in so that tests can run them on a fake clock.

/** Schedules a callback after `ms`; answers the function that cancels it. */
export type Schedule = (ms: number, callback: () => void) => () => void;

/** The real-time schedule of the running cabin. */
export const realTimeSchedule: Schedule = (ms, callback) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};
