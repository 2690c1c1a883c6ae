// The staff's records in the cabin's store: each role's PIN as a scrypt hash, and the staff events
// (logins, wrong PINs, locks and their end, session resets with their step), codes and times only.
import type Database from 'better-sqlite3';
import type { Clock, Result, StaffRole } from '../../contract';

/** One staff event as the store keeps it. */
export interface StaffEvent {
  readonly role: StaffRole | null;
  /** A code: `login`, `badPin`, `locked`, `unlocked`, `session.reset`, `pins.set`, … */
  readonly kind: string;
  readonly at: number;
  /** The end of a lock (epoch ms), else null. */
  readonly until: number | null;
  /** A code that goes with the event (the step a reset came from), else null. */
  readonly detail: string | null;
}

/** The staff records' seam; every call is synchronous, store faults come back as `store.*` values. */
export interface StaffRecords {
  /** The stored PIN hash of each role that has one. */
  pinHashes(): Result<Partial<Record<StaffRole, string>>>;
  /** Stores a role's PIN hash (replacing any). */
  setPinHash(role: StaffRole, hash: string): Result<void>;
  /** Appends an event; `at` is now on the store's clock. */
  record(event: Omit<StaffEvent, 'at'>): Result<void>;
  /** The events since `since` (epoch ms), oldest first. */
  events(since: number): Result<readonly StaffEvent[]>;
}

/** The staff records on the store's database (built by `openCabinStore`). */
export function createStaffRecords(_db: Database.Database, _clock: Pick<Clock, 'now'>): StaffRecords {
  const notBuilt = (): never => {
    throw new Error('the staff records are not built yet');
  };
  return { pinHashes: notBuilt, setPinHash: notBuilt, record: notBuilt, events: notBuilt };
}
