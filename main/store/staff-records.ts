// The staff's records in the cabin's store: each role's PIN as a scrypt hash, and the staff events
// (logins, wrong PINs, locks and their end, session resets with their step), codes and times only.
import type Database from 'better-sqlite3';
import type { Clock, Result, StaffRole } from '../../contract';
import { guarded } from './store-error';

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
  /** Deletes the events before `before` (epoch ms), with the audit's retention; answers how many. */
  pruneBefore(before: number): Result<number>;
}

/** The staff records on the store's database (built by `openCabinStore`). */
export function createStaffRecords(db: Database.Database, clock: Pick<Clock, 'now'>): StaffRecords {
  // Prepared at first use: a store opened on an older schema (a migration test) never asks for them.
  let prepared: ReturnType<typeof prepare> | null = null;
  const statements = (): ReturnType<typeof prepare> => (prepared ??= prepare(db));
  return {
    pinHashes: () =>
      guarded(() => {
        const hashes: Partial<Record<StaffRole, string>> = {};
        for (const row of statements().pins.all()) hashes[row.role] = row.hash;
        return hashes;
      }),
    setPinHash: (role, hash) =>
      guarded(() => {
        statements().setPin.run(role, hash, clock.now());
      }),
    record: ({ role, kind, until, detail }) =>
      guarded(() => {
        statements().record.run(role, kind, clock.now(), until, detail);
      }),
    events: (since) =>
      guarded(() =>
        statements()
          .events.all(since)
          .map((row) => ({ ...row })),
      ),
    pruneBefore: (before) => guarded(() => statements().prune.run(before).changes),
  };
}

function prepare(db: Database.Database) {
  return {
    pins: db.prepare<[], { role: StaffRole; hash: string }>('SELECT role, hash FROM staff_pins'),
    setPin: db.prepare<[StaffRole, string, number]>(
      `INSERT INTO staff_pins (role, hash, set_at) VALUES (?, ?, ?)
       ON CONFLICT (role) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at`,
    ),
    record: db.prepare<[StaffRole | null, string, number, number | null, string | null]>(
      'INSERT INTO staff_events (role, kind, at, until, detail) VALUES (?, ?, ?, ?, ?)',
    ),
    events: db.prepare<[number], StaffEvent>(
      'SELECT role, kind, at, until, detail FROM staff_events WHERE at >= ? ORDER BY at, rowid',
    ),
    prune: db.prepare<[number]>('DELETE FROM staff_events WHERE at < ?'),
  };
}
