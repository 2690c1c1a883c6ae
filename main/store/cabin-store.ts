// The seam between the controller and its local SQLite store: audit, consent records and the outbound queue.
import type { CabinError, Locale, Result, StepName } from '../../contract';
import type { ConsentRecord, SessionOutcome } from '../../state-machines';
import type { MaintenanceRegister } from './maintenance-register';
import type { OutboundItem, RecordedConsent } from './outbound-item';
import type { PaymentRecords } from './payment-records';
import type { StaffRecords } from './staff-records';

/** A session's audit trail: steps and timings only, never who the patient is or what was measured. */
export interface SessionAudit {
  readonly id: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly outcome: SessionOutcome | null;
  readonly locale: Locale;
  readonly steps: readonly {
    readonly step: StepName;
    readonly enteredAt: number;
    readonly leftAt: number | null;
  }[];
  readonly problemReports: readonly { readonly kind: string; readonly reportedAt: number }[];
  readonly helpCalls: readonly number[];
  readonly consents: readonly RecordedConsent[];
}

/** An outbound item as the queue holds it: the item, and the queue's bookkeeping. */
export type QueuedItem = OutboundItem & {
  readonly id: number;
  /** True when the payload names or describes the patient: such rows are purged when the session ends. */
  readonly containsPatientData: boolean;
  readonly createdAt: number;
  readonly attempts: number;
  readonly nextAttemptAt: number;
};

/** A due row that no code can deliver (its payload does not fit its kind); the store has deleted it. */
export interface UnreadableRow extends CabinError {
  readonly id: number;
}

/** One due row of the queue: the item to deliver, or why its row could not be read. */
export type DueRow = Result<QueuedItem, UnreadableRow>;

/** What a session wipe removed. */
export interface WipeCounts {
  /** Outbound rows flagged as patient data that were deleted (undelivered or not). */
  readonly patientRowsPurged: number;
  /** The WAL was checkpointed and truncated to zero bytes, so no deleted row survives in it. */
  readonly walTruncated: true;
}

/**
 * The cabin's local store. Every method is synchronous; an expected fault (disk full, database locked,
 * corrupt file) comes back as `{ ok: false }` with a `store.*` code, a misuse (unknown session id,
 * a kind that is not a code, a closed store) throws.
 */
export interface CabinStore {
  /** The maintenance register (never pruned by the audit's retention). */
  readonly maintenance: MaintenanceRegister;
  /** The staff's PIN hashes and events. */
  readonly staff: StaffRecords;
  /** The card payments' transactions (amounts, states, codes and times; no card, no patient). */
  readonly payments: PaymentRecords;
  /** Opens a session's audit row with a fresh random UUID (not derived from anyone) and answers that id. */
  startSession(input: { readonly locale: Locale }): Result<string>;
  /** Records that the session entered `step` now, closing the step it was in. */
  enterStep(sessionId: string, step: StepName): Result<void>;
  /** Closes the session with its outcome and closes its current step; answers false when it was already ended. */
  endSession(sessionId: string, outcome: SessionOutcome): Result<boolean>;
  /** Records that the session is still running now (its heartbeat); an ended session is left as it is. */
  markSessionAlive(sessionId: string): Result<void>;
  /**
   * Closes a session a crash or power cut left open, with outcome `interrupted` and, as its end, the last
   * moment it was known alive (its heartbeat, a step, a consent, a help call); answers that end, or null
   * when the session is unknown or already ended.
   */
  endInterruptedSession(sessionId: string): Result<number | null>;
  /** Records that the patient reported a problem of this kind (a code, not the patient's words). */
  recordProblemReport(sessionId: string, kind: string): Result<void>;
  /** Records that the patient called for help now. */
  recordHelpCall(sessionId: string): Result<void>;
  /** Records the consent given: text version, presence, whether the attendant stays; consentedAt is now. */
  recordConsent(record: ConsentRecord): Result<void>;
  /** Answers a session's whole audit trail, or null for an unknown id. */
  readSessionAudit(sessionId: string): Result<SessionAudit | null>;
  /** Answers the ids of sessions never ended (a crash or power cut): boot ends and wipes them. */
  listOpenSessions(): Result<readonly string[]>;
  /**
   * Deletes the audit of sessions started before `before` (epoch ms): the session row with its steps,
   * problem reports, help calls and queue rows; answers how many sessions. Consent records stay.
   */
  pruneAuditBefore(before: number): Result<number>;
  /** Deletes the consent records given before `before` (epoch ms); answers how many. */
  pruneConsentsBefore(before: number): Result<number>;

  /**
   * Appends an item to the outbound queue, due now, flagged as patient data by its kind
   * (`CONTAINS_PATIENT_DATA`); answers its id (ids grow, delivery is in id order).
   */
  enqueue(item: OutboundItem): Result<number>;
  /**
   * Answers up to `limit` due rows in id order and leases them, so a second call does not hand them out
   * again until the lease ends. A row whose payload does not fit its kind is deleted and answered as an
   * error value (`store.unreadableItem`): it could never be delivered and must not block the queue.
   */
  takeDue(limit?: number): Result<readonly DueRow[]>;
  /** Deletes a delivered item; answers false when it was no longer there (purged meanwhile). */
  markSent(id: number): Result<boolean>;
  /** Counts a failed attempt and postpones the item by an exponential backoff; answers the next attempt time, or null when the item is gone. */
  markFailed(id: number): Result<number | null>;
  /**
   * Deletes every queue row of the session flagged as patient data, delivered or not, then checkpoints
   * and truncates the WAL; `store.wipeIncomplete` when a reader blocks the truncation (retrying is safe).
   */
  wipeSession(sessionId: string): Result<WipeCounts>;

  /** Closes the database; the store must not be used afterwards. */
  close(): void;
}
