// Failed logins slowed down, per account and per address: after a few wrong passwords an account is
// locked for a delay that doubles at every new lock, and an address has a budget of failures per window.
// A locked attempt is refused before its password is checked (a right password too), and it answers
// when to try again. Accounts are keyed by the login as typed, whether it exists or not, so that the
// lock tells nothing about which accounts exist. Both tables are bounded: the oldest entries go first.
import type { Clock } from '../../contract/clock';

/** How failed logins are limited. */
export interface LoginLimits {
  /** Failures of one login before it is locked. */
  readonly accountFailures: number;
  /** The first lock of a login, in ms; each further lock doubles it. */
  readonly firstLockMs: number;
  /** The longest lock of a login, in ms. */
  readonly maxLockMs: number;
  /** Failures from one address within `addressWindowMs` before the address is refused. */
  readonly addressFailures: number;
  readonly addressWindowMs: number;
}

/** 5 failures lock a login for 30 s, then 1 min, 2 min… up to 15 min; 20 failures per 10 min per address. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  accountFailures: 5,
  firstLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  addressFailures: 20,
  addressWindowMs: 10 * 60_000,
};

/** The most logins and addresses remembered at once. */
const MAX_ENTRIES = 10_000;

interface AccountState {
  failures: number;
  locks: number;
  lockedUntil: number;
}

interface AddressState {
  failures: number;
  since: number;
}

/** The failed-login counters of one login form (the console's, the support's). */
export class LoginThrottle {
  readonly #accounts = new Map<string, AccountState>();
  readonly #addresses = new Map<string, AddressState>();

  /** No failure yet; `clock` is the platform's. */
  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Null when an attempt of `login` from `address` may be checked now, else the instant it may be retried. */
  retryAt(login: string, address: string): number | null {
    const now = this.clock.now();
    const account = this.#accounts.get(login);
    const accountUntil = account !== undefined && account.lockedUntil > now ? account.lockedUntil : 0;
    const place = this.#addresses.get(address);
    const addressUntil =
      place !== undefined &&
      place.failures >= this.limits.addressFailures &&
      place.since + this.limits.addressWindowMs > now
        ? place.since + this.limits.addressWindowMs
        : 0;
    const until = Math.max(accountUntil, addressUntil);
    return until > 0 ? until : null;
  }

  /** Counts a wrong password of `login` from `address`. */
  failed(login: string, address: string): void {
    const now = this.clock.now();
    const account = this.#accounts.get(login) ?? { failures: 0, locks: 0, lockedUntil: 0 };
    account.failures += 1;
    if (account.failures >= this.limits.accountFailures) {
      const delay = Math.min(this.limits.maxLockMs, this.limits.firstLockMs * 2 ** account.locks);
      account.lockedUntil = now + delay;
      account.locks += 1;
      account.failures = 0;
    }
    remember(this.#accounts, login, account);
    let place = this.#addresses.get(address);
    if (place === undefined || place.since + this.limits.addressWindowMs <= now) {
      place = { failures: 0, since: now };
    }
    place.failures += 1;
    remember(this.#addresses, address, place);
  }

  /** A right password of `login`: its failures and locks are forgotten (the address's budget is not). */
  succeeded(login: string): void {
    this.#accounts.delete(login);
  }
}

// Puts `key` last (the newest) and forgets the oldest entries beyond the bound.
function remember<T>(table: Map<string, T>, key: string, value: T): void {
  table.delete(key);
  table.set(key, value);
  while (table.size > MAX_ENTRIES) {
    const oldest = table.keys().next().value;
    if (oldest === undefined) break;
    table.delete(oldest);
  }
}
