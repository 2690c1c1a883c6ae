// A clock that tests move by hand, for simulators, devices and replays that take a `Schedule`.
import type { Schedule } from './schedule';

/** Lets pending promise reactions and microtasks run; no timer involved. */
export async function settleMicrotasks(): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) await Promise.resolve();
}

/** A fake clock: callbacks run only when `advance` moves time past them, in time order. */
export class ManualClock {
  private nowMs = 0;
  private sequence = 0;
  private readonly timers = new Map<number, { readonly at: number; readonly callback: () => void }>();

  /** Milliseconds since the clock was created. */
  now(): number {
    return this.nowMs;
  }

  /** The `Schedule` to give to what runs on this clock. */
  readonly schedule: Schedule = (ms, callback) => {
    const id = (this.sequence += 1);
    this.timers.set(id, { at: this.nowMs + Math.max(0, ms), callback });
    return () => this.timers.delete(id);
  };

  /** Moves time forward by `ms`, running each due callback and the microtasks it queues. */
  async advance(ms: number): Promise<void> {
    const until = this.nowMs + ms;
    await settleMicrotasks();
    for (;;) {
      let nextId: number | null = null;
      let nextAt = Number.POSITIVE_INFINITY;
      for (const [id, timer] of this.timers) {
        if (timer.at < nextAt || (timer.at === nextAt && nextId !== null && id < nextId)) {
          nextAt = timer.at;
          nextId = id;
        }
      }
      if (nextId === null || nextAt > until) break;
      const timer = this.timers.get(nextId);
      this.timers.delete(nextId);
      this.nowMs = nextAt;
      timer?.callback();
      await settleMicrotasks();
    }
    this.nowMs = until;
  }
}
