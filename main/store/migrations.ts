// The store's schema history. Append only: a shipped migration is never edited, a change is a new version.
import type Database from 'better-sqlite3';

/** One schema step; `up` runs inside a transaction together with the `user_version` bump. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: Database.Database): void;
}

// A column holding a stable code (step names, outcomes, kinds): at most 64 characters, no spaces,
// so a name or an address cannot be stored there even by mistake. GLOB is SQLite's built-in
// pattern match ('[^…]' is "any character but"), there is no REGEXP without an extension.
const code = (column: string): string =>
  `CHECK (length(${column}) BETWEEN 1 AND 64 AND ${column} NOT GLOB '*[^A-Za-z0-9_.:/-]*')`;

/** Every migration in ascending version order, starting at 1 with no gaps. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'config, session audit, consent records, outbound queue',
    up(db) {
      db.exec(`
        CREATE TABLE cabin_config (
          key TEXT PRIMARY KEY NOT NULL ${code('key')},
          value TEXT NOT NULL CHECK (json_valid(value))
        ) STRICT;

        -- Steps and timings only: no patient identity, no measurement values.
        CREATE TABLE session_audit (
          id TEXT PRIMARY KEY NOT NULL,
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          outcome TEXT CHECK (outcome IS NULL OR (length(outcome) BETWEEN 1 AND 64
            AND outcome NOT GLOB '*[^A-Za-z0-9_.:/-]*')),
          locale TEXT NOT NULL ${code('locale')}
        ) STRICT;

        CREATE TABLE session_steps (
          session_id TEXT NOT NULL REFERENCES session_audit (id) ON DELETE CASCADE,
          step TEXT NOT NULL ${code('step')},
          entered_at INTEGER NOT NULL,
          left_at INTEGER
        ) STRICT;
        CREATE INDEX session_steps_by_session ON session_steps (session_id, entered_at);

        CREATE TABLE problem_reports (
          session_id TEXT NOT NULL REFERENCES session_audit (id) ON DELETE CASCADE,
          kind TEXT NOT NULL ${code('kind')},
          reported_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX problem_reports_by_session ON problem_reports (session_id);

        CREATE TABLE help_calls (
          session_id TEXT NOT NULL REFERENCES session_audit (id) ON DELETE CASCADE,
          at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX help_calls_by_session ON help_calls (session_id);

        CREATE TABLE consent_records (
          session_id TEXT NOT NULL REFERENCES session_audit (id) ON DELETE CASCADE,
          text_version TEXT NOT NULL ${code('text_version')},
          consented_at INTEGER NOT NULL,
          presence TEXT NOT NULL ${code('presence')},
          attendant_stays INTEGER NOT NULL CHECK (attendant_stays IN (0, 1))
        ) STRICT;
        CREATE INDEX consent_records_by_session ON consent_records (session_id);

        -- AUTOINCREMENT so that ids never get reused: delivery order is id order.
        -- sent_at stays NULL: a sent row is deleted, the column is kept for the documented schema.
        CREATE TABLE outbound_queue (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          session_id TEXT REFERENCES session_audit (id) ON DELETE CASCADE,
          kind TEXT NOT NULL ${code('kind')},
          payload TEXT NOT NULL CHECK (json_valid(payload)),
          contains_patient_data INTEGER NOT NULL CHECK (contains_patient_data IN (0, 1)),
          created_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          sent_at INTEGER
        ) STRICT;
        CREATE INDEX outbound_queue_due ON outbound_queue (next_attempt_at, id);
        CREATE INDEX outbound_queue_by_session ON outbound_queue (session_id, contains_patient_data);
      `);
    },
  },
  {
    version: 2,
    description: 'retention: consent records outlive the session audit; no config table',
    up(db) {
      // Consent records are kept as long as the operator's policy says (retention.consentDays), longer
      // than the audit (retention.auditDays): they may no longer vanish with their session's row.
      // SQLite cannot drop a foreign key, so the table is rebuilt (https://sqlite.org/lang_altertable.html).
      // cabin_config was never written by the cabin: its configuration is the JSON file.
      db.exec(`
        CREATE TABLE consent_records_kept (
          session_id TEXT NOT NULL ${code('session_id')},
          text_version TEXT NOT NULL ${code('text_version')},
          consented_at INTEGER NOT NULL,
          presence TEXT NOT NULL ${code('presence')},
          attendant_stays INTEGER NOT NULL CHECK (attendant_stays IN (0, 1))
        ) STRICT;
        INSERT INTO consent_records_kept (session_id, text_version, consented_at, presence, attendant_stays)
          SELECT session_id, text_version, consented_at, presence, attendant_stays FROM consent_records;
        DROP TABLE consent_records;
        ALTER TABLE consent_records_kept RENAME TO consent_records;
        CREATE INDEX consent_records_by_session ON consent_records (session_id);
        CREATE INDEX consent_records_by_time ON consent_records (consented_at);
        CREATE INDEX session_audit_by_start ON session_audit (started_at);
        DROP TABLE cabin_config;
      `);
    },
  },
  {
    version: 3,
    description: 'maintenance register (never pruned), staff PINs and staff events',
    up(db) {
      // The maintenance register is kept at least five years (Code de la santé publique, R5212-28):
      // retention never prunes it. The whole record is the JSON body; the columns index it. It names
      // devices and technicians, never a patient.
      // Staff PINs are scrypt hashes (never the PIN). Staff events are logins, wrong PINs, locks and
      // their end, session resets with their step: codes and times, pruned with the audit.
      db.exec(`
        CREATE TABLE maintenance_records (
          id TEXT PRIMARY KEY NOT NULL ${code('id')},
          kind TEXT NOT NULL ${code('kind')},
          peripheral TEXT NOT NULL ${code('peripheral')},
          model_id TEXT NOT NULL ${code('model_id')},
          serial_number TEXT NOT NULL CHECK (length(serial_number) BETWEEN 1 AND 64),
          recorded_at INTEGER NOT NULL,
          next_due_at INTEGER,
          verdict TEXT CHECK (verdict IS NULL OR verdict IN ('pass', 'fail')),
          body TEXT NOT NULL CHECK (json_valid(body))
        ) STRICT;
        CREATE INDEX maintenance_records_by_device ON maintenance_records (model_id, serial_number, recorded_at);
        CREATE INDEX maintenance_records_by_time ON maintenance_records (recorded_at);

        CREATE TABLE staff_pins (
          role TEXT PRIMARY KEY NOT NULL CHECK (role IN ('attendant', 'technician')),
          hash TEXT NOT NULL CHECK (length(hash) BETWEEN 1 AND 256),
          set_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE staff_events (
          role TEXT CHECK (role IS NULL OR role IN ('attendant', 'technician')),
          kind TEXT NOT NULL ${code('kind')},
          at INTEGER NOT NULL,
          until INTEGER,
          detail TEXT CHECK (detail IS NULL OR (length(detail) BETWEEN 1 AND 64
            AND detail NOT GLOB '*[^A-Za-z0-9_.:/-]*'))
        ) STRICT;
        CREATE INDEX staff_events_by_time ON staff_events (at);
      `);
    },
  },
  {
    version: 4,
    description: 'the last moment each session was known alive',
    up(db) {
      // Written at each step and every few seconds of a session: a session a power cut left open is
      // closed at boot with this as its end, the real moment the cabin stopped rather than the boot.
      db.exec('ALTER TABLE session_audit ADD COLUMN alive_at INTEGER');
    },
  },
  {
    version: 5,
    description: 'card payment transactions: state before and after the terminal, no card data',
    up(db) {
      // One row per card transaction asked of the payment terminal, written as `sending` BEFORE the request
      // leaves, then `approved`, `failed` (with its code) or `unknown` (the answer was lost); `counter` is a
      // payment the patient left to pay at the counter. A `sending` or `unknown` row is resolved before any
      // new payment. No card number (not even masked), no name, no NIR: an amount, codes and times. The
      // session id links it to the session's audit; it is not a foreign key, so that a transaction still
      // waiting for the attendant outlives its session's audit.
      db.exec(`
        CREATE TABLE payment_transactions (
          id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 16 AND id NOT GLOB '*[^A-Za-z0-9]*'),
          session_id TEXT NOT NULL ${code('session_id')},
          amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
          state TEXT NOT NULL CHECK (state IN ('sending', 'approved', 'failed', 'unknown', 'counter')),
          -- A NULL code passes its CHECK (SQLite fails a CHECK only when it is false, not NULL).
          failure_code TEXT ${code('failure_code')},
          settled_by TEXT CHECK (settled_by IS NULL OR settled_by IN ('terminal', 'recovery', 'attendant')),
          started_at INTEGER NOT NULL,
          ended_at INTEGER
        ) STRICT;
        CREATE INDEX payment_transactions_by_state ON payment_transactions (state);
        CREATE INDEX payment_transactions_by_session ON payment_transactions (session_id);
      `);
    },
  },
];
