// Trying again after a failure, on a clock, with waits that grow: the platform link's reconnections and
// the card reader's restarts of pcscd. Pure code, like the clock it runs on.
import { after, type Cancel, type Clock } from './clock';

/** The wait before a try, in ms, given how many tries already failed since the last success. */
export type Backoff = (failedTries: number) => number;

/** Waits that double from `first` at each failed try, never longer than `max`. */
export function doublingBackoff(first: number, max: number): Backoff {
  return (failedTries) => Math.min(max, first * 2 ** failedTries);
}

/** Waits taken from a list in order, its last one repeating (1 s for an empty list). */
export function listedBackoff(waits: readonly number[]): Backoff {
  return (failedTries) => waits[Math.min(failedTries, waits.length - 1)] ?? 1000;
}

/**
 * The next try of something that failed: `schedule` runs it after the backoff's wait (at most one is
 * pending), `succeeded` starts the waits over, `cancel` drops the pending try.
 */
export class Retry {
  #failedTries = 0;
  #pending: Cancel | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly backoff: Backoff,
  ) {}

  /** Whether a try waits to run. */
  get pending(): boolean {
    return this.#pending !== null;
  }

  /** Runs `tryAgain` after the wait this failure calls for; ignored while a try is already pending. */
  schedule(tryAgain: () => void): void {
    if (this.#pending !== null) return;
    const wait = this.backoff(this.#failedTries);
    this.#failedTries += 1;
    this.#pending = after(this.clock, wait, () => {
      this.#pending = null;
      tryAgain();
    });
  }

  /** The thing worked: the next failure waits the first wait again. */
  succeeded(): void {
    this.#failedTries = 0;
  }

  /** Drops the pending try, if any. */
  cancel(): void {
    this.#pending?.();
    this.#pending = null;
  }
}
