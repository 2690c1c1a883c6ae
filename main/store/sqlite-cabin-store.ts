// The CabinStore on better-sqlite3: WAL, secure_delete, versioned migrations, synchronous calls.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  doublingBackoff,
  err,
  ok,
  systemClock,
  type Clock,
  type Locale,
  type Presence,
  type Result,
  type StepName,
} from '../../contract';
import type { SessionOutcome } from '../../state-machines';
import type { CabinStore, DueRow, SessionAudit } from './cabin-store';
import { createMaintenanceRegister } from './maintenance-register';
import { MIGRATIONS, type Migration } from './migrations';
import { createPaymentRecords } from './payment-records';
import { createStaffRecords } from './staff-records';
import { CONTAINS_PATIENT_DATA, parseOutboundItem, storedPayload } from './outbound-item';
import { guarded, toStoreError } from './store-error';

/** Tuning of the store; the defaults suit a cabin. */
export interface CabinStoreOptions {
  /** How long a write waits for a lock held by another connection (the technician CLI) before `store.locked`. */
  readonly busyTimeoutMs?: number;
  /** Delay after the first failed delivery; doubles on each further failure. */
  readonly firstBackoffMs?: number;
  /** Longest delay between two delivery attempts. */
  readonly maxBackoffMs?: number;
  /** How long `takeDue` hands an item to one sender before it is due again (a sender that crashed). */
  readonly leaseMs?: number;
  /** The migrations to apply; tests pass their own, the controller uses the default. */
  readonly migrations?: readonly Migration[];
}

const CODE_PATTERN = /^[A-Za-z0-9_.:/-]{1,64}$/;

/**
 * Opens (creating if needed) the store at `path` and brings its schema up to date; answers
 * `store.newerThanCode` for a file written by a newer version, `store.corrupt` / `store.cannotOpen` for a bad file.
 */
export function openCabinStore(
  path: string,
  clock: Pick<Clock, 'now'> = systemClock,
  options: CabinStoreOptions = {},
): Result<CabinStore> {
  const migrations = options.migrations ?? MIGRATIONS;
  checkMigrationOrder(migrations);
  if (path !== ':memory:' && !existsSync(dirname(path))) {
    return err({ code: 'store.cannotOpen', detail: `directory missing: ${dirname(path)}` });
  }
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5_000 });
  } catch (error) {
    const storeError = toStoreError(error);
    if (storeError === null) throw error;
    return err(storeError);
  }
  try {
    const opened = configureAndMigrate(db, migrations);
    if (!opened.ok) {
      db.close();
      return opened;
    }
  } catch (error) {
    db.close();
    const storeError = toStoreError(error);
    if (storeError === null) throw error;
    return err(storeError);
  }
  return ok(createSqliteCabinStore(db, clock, options));
}

function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migrations must be numbered 1, 2, 3… in order; found ${migration.version} at ${index}`,
      );
    }
  });
}

function configureAndMigrate(db: Database.Database, migrations: readonly Migration[]): Result<void> {
  // Reading the schema version first also makes SQLite read the header: a file that is not a
  // database fails here with SQLITE_NOTADB, before we change anything in it.
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    return err({
      code: 'store.newerThanCode',
      detail: `store schema ${current} is newer than this code (${latest}); update the cabin software`,
    });
  }
  db.pragma('journal_mode = WAL');
  // FULL rather than NORMAL: a cabin on a shop floor can lose power, and with NORMAL the last
  // commits (a queued document, a purge) may roll back at power loss. We write a few dozen rows
  // per session, so the fsync per commit costs nothing the patient notices.
  db.pragma('synchronous = FULL');
  // Freed cells and pages are overwritten with zeros, so a deleted payload does not linger in the file.
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  // Sorts and temporary indexes stay in memory: no temporary file ever holds a payload.
  db.pragma('temp_store = MEMORY');
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      // user_version lives in the database header and is transactional: the bump commits with the schema.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return ok(undefined);
}

function requireCode(what: string, value: string): void {
  if (!CODE_PATTERN.test(value)) throw new Error(`${what} must be a code (no spaces, at most 64 characters)`);
}

function serialise(what: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`${what} is not JSON-serialisable`);
  return json;
}

interface QueueRow {
  id: number;
  session_id: string | null;
  kind: string;
  payload: string;
  contains_patient_data: number;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
}

function createSqliteCabinStore(
  db: Database.Database,
  time: Pick<Clock, 'now'>,
  options: CabinStoreOptions,
): CabinStore {
  const clock = (): number => time.now();
  const backoff = doublingBackoff(options.firstBackoffMs ?? 5_000, options.maxBackoffMs ?? 10 * 60_000);
  const leaseMs = options.leaseMs ?? 60_000;

  const statements = {
    startSession: db.prepare<[string, number, string]>(
      'INSERT INTO session_audit (id, started_at, locale) VALUES (?, ?, ?)',
    ),
    leaveStep: db.prepare<[number, string]>(
      'UPDATE session_steps SET left_at = ? WHERE session_id = ? AND left_at IS NULL',
    ),
    enterStep: db.prepare<[string, string, number]>(
      'INSERT INTO session_steps (session_id, step, entered_at) VALUES (?, ?, ?)',
    ),
    endSession: db.prepare<[number, string, string]>(
      'UPDATE session_audit SET ended_at = ?, outcome = ? WHERE id = ? AND ended_at IS NULL',
    ),
    closeSteps: db.prepare<[number, string]>(
      'UPDATE session_steps SET left_at = ? WHERE session_id = ? AND left_at IS NULL',
    ),
    problemReport: db.prepare<[string, string, number]>(
      'INSERT INTO problem_reports (session_id, kind, reported_at) VALUES (?, ?, ?)',
    ),
    helpCall: db.prepare<[string, number]>('INSERT INTO help_calls (session_id, at) VALUES (?, ?)'),
    consent: db.prepare<[string, string, number, string, number]>(
      `INSERT INTO consent_records (session_id, text_version, consented_at, presence, attendant_stays)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    session: db.prepare<
      [string],
      { id: string; started_at: number; ended_at: number | null; outcome: string | null; locale: string }
    >('SELECT id, started_at, ended_at, outcome, locale FROM session_audit WHERE id = ?'),
    steps: db.prepare<[string], { step: string; entered_at: number; left_at: number | null }>(
      'SELECT step, entered_at, left_at FROM session_steps WHERE session_id = ? ORDER BY entered_at, rowid',
    ),
    problemReports: db.prepare<[string], { kind: string; reported_at: number }>(
      'SELECT kind, reported_at FROM problem_reports WHERE session_id = ? ORDER BY reported_at, rowid',
    ),
    helpCalls: db.prepare<[string], { at: number }>(
      'SELECT at FROM help_calls WHERE session_id = ? ORDER BY at, rowid',
    ),
    consents: db.prepare<
      [string],
      {
        session_id: string;
        text_version: string;
        consented_at: number;
        presence: string;
        attendant_stays: number;
      }
    >(
      `SELECT session_id, text_version, consented_at, presence, attendant_stays
       FROM consent_records WHERE session_id = ? ORDER BY consented_at, rowid`,
    ),
    openSessions: db.prepare<[], { id: string }>(
      'SELECT id FROM session_audit WHERE ended_at IS NULL ORDER BY started_at',
    ),
    pruneAudit: db.prepare<[number]>('DELETE FROM session_audit WHERE started_at < ?'),
    pruneConsents: db.prepare<[number]>('DELETE FROM consent_records WHERE consented_at < ?'),
    enqueue: db.prepare<[string | null, string, string, number, number, number]>(
      `INSERT INTO outbound_queue (session_id, kind, payload, contains_patient_data, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    due: db.prepare<[number, number], QueueRow>(
      `SELECT id, session_id, kind, payload, contains_patient_data, created_at, attempts, next_attempt_at
       FROM outbound_queue WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
    ),
    lease: db.prepare<[number, number]>('UPDATE outbound_queue SET next_attempt_at = ? WHERE id = ?'),
    delete: db.prepare<[number]>('DELETE FROM outbound_queue WHERE id = ?'),
    attempts: db.prepare<[number], { attempts: number }>('SELECT attempts FROM outbound_queue WHERE id = ?'),
    fail: db.prepare<[number, number]>(
      'UPDATE outbound_queue SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?',
    ),
    purge: db.prepare<[string]>(
      'DELETE FROM outbound_queue WHERE session_id = ? AND contains_patient_data = 1',
    ),
  };

  const purgePatientData = (sessionId: string): Result<number> =>
    guarded(() => statements.purge.run(sessionId).changes);

  // Closes the session's current step and runs `then`, in one transaction and at one instant.
  // Prepared at first use: a store opened on an older schema (the migration tests) has no alive_at yet.
  const heartbeatStatements = once(() => ({
    markAlive: db.prepare<[number, string]>(
      'UPDATE session_audit SET alive_at = ? WHERE id = ? AND ended_at IS NULL',
    ),
    // The last moment anything of the session was written: its heartbeat, a step, a consent, a call.
    lastAlive: db.prepare<[string], { at: number | null }>(
      `SELECT max(
         started_at,
         coalesce(alive_at, 0),
         coalesce((SELECT max(max(entered_at, coalesce(left_at, 0))) FROM session_steps WHERE session_id = a.id), 0),
         coalesce((SELECT max(consented_at) FROM consent_records WHERE session_id = a.id), 0),
         coalesce((SELECT max(at) FROM help_calls WHERE session_id = a.id), 0),
         coalesce((SELECT max(reported_at) FROM problem_reports WHERE session_id = a.id), 0)
       ) AS at FROM session_audit a WHERE id = ? AND ended_at IS NULL`,
    ),
  }));

  const afterLeavingStep = <T>(sessionId: string, then: (now: number) => T): Result<T> =>
    guarded(() =>
      db.transaction(() => {
        const now = clock();
        statements.leaveStep.run(now, sessionId);
        return then(now);
      })(),
    );

  return {
    startSession({ locale }) {
      requireCode('locale', locale);
      const id = randomUUID();
      return guarded(() => {
        statements.startSession.run(id, clock(), locale);
        return id;
      });
    },

    enterStep(sessionId, step) {
      requireCode('step', step);
      return afterLeavingStep(sessionId, (now) => {
        statements.enterStep.run(sessionId, step, now);
      });
    },

    endSession(sessionId, outcome) {
      requireCode('outcome', outcome);
      return afterLeavingStep(
        sessionId,
        (now) => statements.endSession.run(now, outcome, sessionId).changes === 1,
      );
    },

    markSessionAlive(sessionId) {
      return guarded(() => {
        heartbeatStatements().markAlive.run(clock(), sessionId);
      });
    },

    endInterruptedSession(sessionId) {
      return guarded(() =>
        db.transaction(() => {
          const at = heartbeatStatements().lastAlive.get(sessionId)?.at ?? null;
          if (at === null) return null;
          statements.closeSteps.run(at, sessionId);
          statements.endSession.run(at, 'interrupted', sessionId);
          return at;
        })(),
      );
    },

    recordProblemReport(sessionId, kind) {
      requireCode('problem kind', kind);
      return guarded(() => {
        statements.problemReport.run(sessionId, kind, clock());
      });
    },

    recordHelpCall(sessionId) {
      return guarded(() => {
        statements.helpCall.run(sessionId, clock());
      });
    },

    recordConsent({ sessionId, textVersion, presence, attendantStays }) {
      requireCode('consent text version', textVersion);
      requireCode('presence', presence);
      return guarded(() => {
        statements.consent.run(sessionId, textVersion, clock(), presence, attendantStays ? 1 : 0);
      });
    },

    readSessionAudit(sessionId) {
      return guarded((): SessionAudit | null => {
        const session = statements.session.get(sessionId);
        if (session === undefined) return null;
        // The columns only ever receive values typed by the CabinStore interface, hence the casts.
        return {
          id: session.id,
          startedAt: session.started_at,
          endedAt: session.ended_at,
          outcome: session.outcome as SessionOutcome | null,
          locale: session.locale as Locale,
          steps: statements.steps.all(sessionId).map((row) => ({
            step: row.step as StepName,
            enteredAt: row.entered_at,
            leftAt: row.left_at,
          })),
          problemReports: statements.problemReports
            .all(sessionId)
            .map((row) => ({ kind: row.kind, reportedAt: row.reported_at })),
          helpCalls: statements.helpCalls.all(sessionId).map((row) => row.at),
          consents: statements.consents.all(sessionId).map((row) => ({
            sessionId: row.session_id,
            textVersion: row.text_version,
            consentedAt: row.consented_at,
            presence: row.presence as Presence,
            attendantStays: row.attendant_stays === 1,
          })),
        };
      });
    },

    listOpenSessions() {
      return guarded(() => statements.openSessions.all().map((row) => row.id));
    },

    pruneAuditBefore(before) {
      return guarded(() => statements.pruneAudit.run(before).changes);
    },

    pruneConsentsBefore(before) {
      return guarded(() => statements.pruneConsents.run(before).changes);
    },

    enqueue(item) {
      const json = serialise(`outbound ${item.kind} payload`, storedPayload(item));
      const flag = CONTAINS_PATIENT_DATA[item.kind] ? 1 : 0;
      return guarded(() => {
        const now = clock();
        const info = statements.enqueue.run(item.sessionId, item.kind, json, flag, now, now);
        return Number(info.lastInsertRowid);
      });
    },

    takeDue(limit = 10) {
      return guarded(() =>
        db.transaction((): readonly DueRow[] => {
          const now = clock();
          return statements.due.all(now, limit).map((row): DueRow => {
            const item = parseOutboundItem(row.session_id, row.kind, row.payload);
            if (!item.ok) {
              // No code can deliver it, and retrying would block the rows behind it for ever.
              statements.delete.run(row.id);
              return err({ ...item.error, id: row.id });
            }
            statements.lease.run(now + leaseMs, row.id);
            return ok({
              ...item.value,
              id: row.id,
              containsPatientData: row.contains_patient_data === 1,
              createdAt: row.created_at,
              attempts: row.attempts,
              nextAttemptAt: row.next_attempt_at,
            });
          });
        })(),
      );
    },

    markSent(id) {
      return guarded(() => statements.delete.run(id).changes === 1);
    },

    markFailed(id) {
      return guarded(() =>
        db.transaction((): number | null => {
          const row = statements.attempts.get(id);
          if (row === undefined) return null;
          // attempts counts failures so far: 1st failure waits firstBackoffMs, then 2×, 4×… up to the cap.
          const nextAttemptAt = clock() + backoff(row.attempts);
          statements.fail.run(nextAttemptAt, id);
          return nextAttemptAt;
        })(),
      );
    },

    wipeSession(sessionId) {
      const purged = purgePatientData(sessionId);
      if (!purged.ok) return purged;
      // secure_delete has zeroed the freed cells in the pages, but the WAL still holds the frames
      // written when the rows were inserted. TRUNCATE copies every frame back into the main file and
      // cuts the WAL to zero bytes, so the old frames no longer exist in any file we own.
      const checkpoint = guarded(
        () => db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[],
      );
      if (!checkpoint.ok) return checkpoint;
      const result = checkpoint.value[0];
      if (result === undefined || result.busy !== 0) {
        return err({
          code: 'store.wipeIncomplete',
          detail: `patient rows purged (${purged.value}) but a reader kept the WAL from being truncated`,
        });
      }
      return ok({ patientRowsPurged: purged.value, walTruncated: true });
    },

    maintenance: createMaintenanceRegister(db, time),
    staff: createStaffRecords(db, time),
    payments: createPaymentRecords(db, time),

    close() {
      db.close();
    },
  };
}

// Answers make()'s value, made at the first call only.
function once<T>(make: () => T): () => T {
  let made: { readonly value: T } | null = null;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
