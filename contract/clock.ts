// The one time source of the cabin, its platform and its screens. Everything that waits takes a
// `Clock`: the running code gets `systemClock`, tests move a manual clock
// (test/support/manual-clock.ts). Its shape is also XState's `Clock`, so the machines' delays run on it.

/** An opaque handle to a pending timer, answered by `setTimeout` and taken back by `clearTimeout`. */
export type TimerHandle = unknown;

/** A source of time and one-shot timers; `now` is in milliseconds and only ever moves forward. */
export interface Clock {
  /** The current time in milliseconds (since the epoch on the system clock). */
  now(): number;
  /** Runs `callback` once, `ms` from now; answers the handle that cancels it. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a pending timer; a handle already run or cancelled is ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/** Cancels what `after` or `every` scheduled; calling it twice is harmless. */
export type Cancel = () => void;

/** Runs `callback` once after `ms` on `clock`; answers the function that cancels it. */
export function after(clock: Clock, ms: number, callback: () => void): Cancel {
  const handle = clock.setTimeout(callback, ms);
  return () => clock.clearTimeout(handle);
}

/** Runs `tick` every `ms` on `clock` until cancelled (each tick scheduled after the previous one ran). */
export function every(clock: Clock, ms: number, tick: () => void): Cancel {
  let cancelled = false;
  let handle: TimerHandle;
  const schedule = (): void => {
    handle = clock.setTimeout(() => {
      if (cancelled) return;
      schedule();
      tick();
    }, ms);
  };
  schedule();
  return () => {
    cancelled = true;
    clock.clearTimeout(handle);
  };
}

/** The timer functions every JavaScript host (Node, browsers) has; contract declares no host types. */
interface HostTimers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

const host = globalThis as unknown as HostTimers;

/** The real clock: wall time and the host's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => host.setTimeout(callback, ms),
  clearTimeout: (handle) => host.clearTimeout(handle),
};
