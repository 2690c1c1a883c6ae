// Timers a test runs by hand: nothing fires until the test says so, so no test waits on the clock.
import type { Timers } from './practitioner-desk';

interface Scheduled {
  readonly ms: number;
  readonly run: () => void;
  active: boolean;
}

/** Timers whose ticks and delays run only when the test calls `tick` or `runDelays`. */
export class ManualTimers implements Timers {
  readonly #repeating: Scheduled[] = [];
  #delayed: Scheduled[] = [];

  every(ms: number, tick: () => void): () => void {
    const scheduled: Scheduled = { ms, run: tick, active: true };
    this.#repeating.push(scheduled);
    return () => {
      scheduled.active = false;
    };
  }

  after(ms: number, run: () => void): () => void {
    const scheduled: Scheduled = { ms, run, active: true };
    this.#delayed.push(scheduled);
    return () => {
      scheduled.active = false;
    };
  }

  /** Runs once every active repeating timer of period `ms`. */
  tick(ms: number): void {
    for (const scheduled of [...this.#repeating])
      if (scheduled.active && scheduled.ms === ms) scheduled.run();
  }

  /** Runs every pending one-shot delay (those it schedules wait for the next call). */
  runDelays(): void {
    const due = this.#delayed;
    this.#delayed = [];
    for (const scheduled of due) if (scheduled.active) scheduled.run();
  }

  /** How many repeating timers of period `ms` are active. */
  activeRepeating(ms: number): number {
    return this.#repeating.filter((scheduled) => scheduled.active && scheduled.ms === ms).length;
  }
}
