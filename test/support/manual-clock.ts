// The one clock tests move by hand. Nothing fires until the test moves time; then each due timer runs
// in time order (ties in the order they were set), with the microtasks it queues settled in between.
import type { Clock, TimerHandle } from '../../contract';

/** Lets pending promise reactions and microtasks run; no timer involved. */
export async function settleMicrotasks(): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) await Promise.resolve();
}

interface PendingTimer {
  readonly at: number;
  readonly callback: () => void;
}

/** A `Clock` whose time moves only when a test calls `advance` (async) or `increment` (sync). */
export class ManualClock implements Clock {
  #nowMs: number;
  #sequence = 0;
  readonly #timers = new Map<number, PendingTimer>();

  /** Starts at `startMs` (0 by default). */
  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = (this.#sequence += 1);
    this.#timers.set(id, { at: this.#nowMs + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /** How many timers are waiting. */
  pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, running each due timer and settling the microtasks it queues. */
  async advance(ms: number): Promise<void> {
    const until = this.#nowMs + ms;
    await settleMicrotasks();
    for (let next = this.#takeDue(until); next; next = this.#takeDue(until)) {
      next.callback();
      await settleMicrotasks();
    }
    this.#nowMs = until;
  }

  /** Moves time forward by `ms`, running each due timer synchronously (XState's `SimulatedClock.increment`). */
  increment(ms: number): void {
    const until = this.#nowMs + ms;
    for (let next = this.#takeDue(until); next; next = this.#takeDue(until)) next.callback();
    this.#nowMs = until;
  }

  /** Removes and answers the earliest timer due by `until`, with the clock set to its time. */
  #takeDue(until: number): PendingTimer | null {
    let dueId: number | null = null;
    let due: PendingTimer | null = null;
    for (const [id, timer] of this.#timers) {
      if (timer.at <= until && (due === null || timer.at < due.at)) {
        dueId = id;
        due = timer;
      }
    }
    if (dueId === null || due === null) return null;
    this.#timers.delete(dueId);
    this.#nowMs = due.at;
    return due;
  }
}
