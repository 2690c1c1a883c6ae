// How many wrong attendant codes the attendant page takes before it stops listening for a while: a
// 4-digit code falls to a few thousand guesses, so guesses must cost time. Each client address gets
// `perClient` tries, then is locked for `firstLockMs`, doubled at each new lock up to `maxLockMs`; all
// addresses together get `overall` tries between two right codes before every login is locked the same
// way (a hostile LAN can use many addresses). A right code clears the counts; running locks are kept.
import type { Clock } from '../../contract';

/** The limits; the defaults suit a 4 to 8 digit code typed by hand. */
export interface AttemptLimitOptions {
  /** Wrong codes from one address before it is locked. */
  readonly perClient: number;
  /** Wrong codes from all addresses (since the last lock of all) before every login is locked. */
  readonly overall: number;
  /** The first lock; each next lock of the same scope lasts twice as long. */
  readonly firstLockMs: number;
  readonly maxLockMs: number;
}

/** 5 wrong codes per address, 30 overall; locks of 1 min doubling up to 1 h. */
export const DEFAULT_ATTEMPT_LIMIT: AttemptLimitOptions = {
  perClient: 5,
  overall: 30,
  firstLockMs: 60_000,
  maxLockMs: 3_600_000,
};

/** Whether a login may be tried now, else for how long the client waits. */
export type AttemptVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number; readonly scope: 'client' | 'all' };

/** A lock just started: its scope and length (what the log says; never the code typed). */
export interface LockStarted {
  readonly scope: 'client' | 'all';
  readonly forMs: number;
}

interface Counter {
  failures: number;
  locks: number;
  lockedUntil: number;
}

/** The largest number of client addresses remembered; beyond it the oldest unlocked ones are forgotten. */
const MAX_CLIENTS = 1_000;

/** Counts wrong codes per client address and overall, on the given clock. */
export class AttemptLimit {
  readonly #clients = new Map<string, Counter>();
  readonly #all: Counter = { failures: 0, locks: 0, lockedUntil: 0 };

  /** A limit with `options` on `clock`. */
  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly options: AttemptLimitOptions = DEFAULT_ATTEMPT_LIMIT,
  ) {}

  /** Whether `client` may try a code now. */
  check(client: string): AttemptVerdict {
    const now = this.clock.now();
    if (this.#all.lockedUntil > now) {
      return { allowed: false, retryAfterMs: this.#all.lockedUntil - now, scope: 'all' };
    }
    const counter = this.#clients.get(client);
    if (counter !== undefined && counter.lockedUntil > now) {
      return { allowed: false, retryAfterMs: counter.lockedUntil - now, scope: 'client' };
    }
    return { allowed: true };
  }

  /** A wrong code from `client`; answers the lock it started, if any. */
  failed(client: string): LockStarted | null {
    const counter = this.#counterOf(client);
    counter.failures += 1;
    this.#all.failures += 1;
    if (this.#all.failures >= this.options.overall) return this.#lock(this.#all, 'all');
    if (counter.failures >= this.options.perClient) return this.#lock(counter, 'client');
    return null;
  }

  /** The right code from `client`: its wrong codes, and the overall count, are forgotten (lock histories stay). */
  succeeded(client: string): void {
    const counter = this.#clients.get(client);
    if (counter !== undefined) counter.failures = 0;
    this.#all.failures = 0;
  }

  #lock(counter: Counter, scope: 'client' | 'all'): LockStarted {
    const forMs = Math.min(this.options.firstLockMs * 2 ** counter.locks, this.options.maxLockMs);
    counter.locks += 1;
    counter.failures = 0;
    counter.lockedUntil = this.clock.now() + forMs;
    return { scope, forMs };
  }

  #counterOf(client: string): Counter {
    let counter = this.#clients.get(client);
    if (counter === undefined) {
      if (this.#clients.size >= MAX_CLIENTS) this.#forgetOne();
      counter = { failures: 0, locks: 0, lockedUntil: 0 };
      this.#clients.set(client, counter);
    }
    return counter;
  }

  // Forgets the oldest client that is not locked (a locked one keeps its lock; the overall count still holds).
  #forgetOne(): void {
    const now = this.clock.now();
    for (const [client, counter] of this.#clients) {
      if (counter.lockedUntil <= now) {
        this.#clients.delete(client);
        return;
      }
    }
  }
}
