// The card payments in the cabin's store: one row per transaction asked of the payment terminal, its
// state recorded before the request is sent and again when it ends, so that a cabin that restarts knows
// which payments may have moved money. An amount, codes and times: never a card number, never a patient.
import type Database from 'better-sqlite3';
import type { Clock, Result } from '../../contract';
import { guarded } from './store-error';

/**
 * Where a transaction is: `sending` (recorded before the request left: its answer is awaited, or was
 * lost with the cabin), `approved`, `failed` (no money moved), `unknown` (the answer was lost and the
 * terminal could not tell: the attendant checks the terminal's journal), `counter` (the patient chose to
 * pay at the counter: the attendant says whether they did).
 */
export type PaymentState = 'sending' | 'approved' | 'failed' | 'unknown' | 'counter';

/** Who ended a transaction: the terminal's answer, the terminal asked again, or the attendant's decision. */
export type PaymentSettler = 'terminal' | 'recovery' | 'attendant';

/** One transaction as the store keeps it. */
export interface PaymentRecord {
  /** The cabin's reference of the transaction (also given to the terminal): letters and digits, 1 to 16. */
  readonly id: string;
  /** The session it was asked for (the audit's id: no patient data). */
  readonly sessionId: string;
  readonly amountCents: number;
  readonly state: PaymentState;
  /** The failure's code (`payment.declined`, …) of a `failed` or `unknown` transaction, else null. */
  readonly failureCode: string | null;
  readonly settledBy: PaymentSettler | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

/** How a transaction ends: approved, failed with its code, or unknown with the code of the lost answer. */
export type PaymentEnd =
  { readonly state: 'approved' } | { readonly state: 'failed' | 'unknown'; readonly code: string };

/** The payment records' seam; every call is synchronous, store faults come back as `store.*` values. */
export interface PaymentRecords {
  /** Records a transaction as `sending`, now: called BEFORE its request goes to the terminal. */
  begin(input: Pick<PaymentRecord, 'id' | 'sessionId' | 'amountCents'>): Result<void>;
  /** Records that the patient left this amount to pay at the counter (`counter`, for the attendant). */
  leaveToCounter(input: Pick<PaymentRecord, 'id' | 'sessionId' | 'amountCents'>): Result<void>;
  /** Records how a transaction ended, now; answers false when no transaction has that id. */
  end(id: string, end: PaymentEnd, by: PaymentSettler): Result<boolean>;
  /** The transactions whose outcome the cabin does not know (`sending`, `unknown`), oldest first. */
  unresolved(): Result<readonly PaymentRecord[]>;
  /** The transactions that wait for the attendant's decision (`unknown`, `counter`), oldest first. */
  awaitingAttendant(): Result<readonly PaymentRecord[]>;
  /** One transaction, or null. */
  read(id: string): Result<PaymentRecord | null>;
  /** Whether the session has an approved transaction (it is never charged a second time). */
  paidFor(sessionId: string): Result<boolean>;
  /** Deletes the ended transactions (approved, failed) ended before `before` (epoch ms); answers how many. */
  pruneBefore(before: number): Result<number>;
}

interface Row {
  id: string;
  session_id: string;
  amount_cents: number;
  state: PaymentState;
  failure_code: string | null;
  settled_by: PaymentSettler | null;
  started_at: number;
  ended_at: number | null;
}

/** The payment records on the store's database (built by `openCabinStore`). */
export function createPaymentRecords(db: Database.Database, clock: Pick<Clock, 'now'>): PaymentRecords {
  // Prepared at first use: a store opened on an older schema (a migration test) never asks for them.
  let prepared: ReturnType<typeof prepare> | null = null;
  const statements = (): ReturnType<typeof prepare> => (prepared ??= prepare(db));
  const insert = (
    { id, sessionId, amountCents }: Pick<PaymentRecord, 'id' | 'sessionId' | 'amountCents'>,
    state: 'sending' | 'counter',
  ): Result<void> =>
    guarded(() => {
      statements().insert.run(id, sessionId, amountCents, state, clock.now());
    });
  return {
    begin: (input) => insert(input, 'sending'),
    leaveToCounter: (input) => insert(input, 'counter'),
    end: (id, end, by) =>
      guarded(
        () =>
          statements().end.run(end.state, end.state === 'approved' ? null : end.code, by, clock.now(), id)
            .changes > 0,
      ),
    unresolved: () => guarded(() => statements().unresolved.all().map(recordOf)),
    awaitingAttendant: () => guarded(() => statements().awaiting.all().map(recordOf)),
    read: (id) =>
      guarded(() => {
        const row = statements().read.get(id);
        return row === undefined ? null : recordOf(row);
      }),
    paidFor: (sessionId) => guarded(() => statements().paid.get(sessionId) !== undefined),
    pruneBefore: (before) => guarded(() => statements().prune.run(before).changes),
  };
}

function recordOf(row: Row): PaymentRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    amountCents: row.amount_cents,
    state: row.state,
    failureCode: row.failure_code,
    settledBy: row.settled_by,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

const COLUMNS = 'id, session_id, amount_cents, state, failure_code, settled_by, started_at, ended_at';

function prepare(db: Database.Database) {
  return {
    insert: db.prepare<[string, string, number, string, number]>(
      'INSERT INTO payment_transactions (id, session_id, amount_cents, state, started_at) VALUES (?, ?, ?, ?, ?)',
    ),
    end: db.prepare<[string, string | null, PaymentSettler, number, string]>(
      `UPDATE payment_transactions SET state = ?, failure_code = ?, settled_by = ?, ended_at = ? WHERE id = ?`,
    ),
    unresolved: db.prepare<[], Row>(
      `SELECT ${COLUMNS} FROM payment_transactions WHERE state IN ('sending', 'unknown') ORDER BY started_at, rowid`,
    ),
    awaiting: db.prepare<[], Row>(
      `SELECT ${COLUMNS} FROM payment_transactions WHERE state IN ('unknown', 'counter') ORDER BY started_at, rowid`,
    ),
    read: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM payment_transactions WHERE id = ?`),
    paid: db.prepare<[string], { one: number }>(
      `SELECT 1 AS one FROM payment_transactions WHERE session_id = ? AND state = 'approved' LIMIT 1`,
    ),
    prune: db.prepare<[number]>(
      `DELETE FROM payment_transactions WHERE state IN ('approved', 'failed') AND ended_at < ?`,
    ),
  };
}
