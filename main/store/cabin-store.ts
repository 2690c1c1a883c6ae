// The seam between the controller and its local SQLite store: audit, consent, config and the outbound queue.
import type { Locale, Presence, Result, StepName } from '../../contract';

/** How a session ended, as the audit records it. */
export type SessionOutcome = 'completed' | 'cancelled' | 'declined' | 'abandoned' | 'reset' | 'failed';

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
  readonly consents: readonly ConsentRecord[];
}

/** The patient's consent as recorded: which text version, who was present; no identity. */
export interface ConsentRecord {
  readonly sessionId: string;
  readonly textVersion: string;
  readonly consentedAt: number;
  readonly presence: Presence;
  readonly attendantStays: boolean;
}

/** A message waiting to be delivered to the platform. */
export interface OutboundItem {
  readonly id: number;
  readonly sessionId: string | null;
  /** A stable code such as `document.dmp` or `audit.session`; no spaces, at most 64 characters. */
  readonly kind: string;
  readonly payload: unknown;
  /** True when the payload names or describes the patient: such rows are purged when the session ends. */
  readonly containsPatientData: boolean;
  readonly createdAt: number;
  readonly attempts: number;
  readonly nextAttemptAt: number;
}

/** What to put in the outbound queue; the payload must be JSON-serialisable. */
export interface OutboundDraft {
  readonly sessionId: string | null;
  readonly kind: string;
  readonly payload: unknown;
  readonly containsPatientData: boolean;
}

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
  /** Reads a config value and checks its shape with `guard`; null when unset, `store.configInvalid` when the guard refuses it. */
  getConfig<T>(key: string, guard: (value: unknown) => value is T): Result<T | null>;
  /** Stores a JSON-serialisable config value under `key`, replacing any previous value. */
  setConfig(key: string, value: unknown): Result<void>;

  /** Opens a session's audit row with a fresh random UUID (not derived from anyone) and answers that id. */
  startSession(input: { readonly locale: Locale }): Result<string>;
  /** Records that the session entered `step` now, closing the step it was in. */
  enterStep(sessionId: string, step: StepName): Result<void>;
  /** Closes the session with its outcome and closes its current step; answers false when it was already ended. */
  endSession(sessionId: string, outcome: SessionOutcome): Result<boolean>;
  /** Records that the patient reported a problem of this kind (a code, not the patient's words). */
  recordProblemReport(sessionId: string, kind: string): Result<void>;
  /** Records that the patient called for help now. */
  recordHelpCall(sessionId: string): Result<void>;
  /** Records the consent given: text version, presence, whether the attendant stays; consentedAt is now. */
  recordConsent(input: Omit<ConsentRecord, 'consentedAt'>): Result<void>;
  /** Answers a session's whole audit trail, or null for an unknown id. */
  readSessionAudit(sessionId: string): Result<SessionAudit | null>;
  /** Answers the ids of sessions never ended (a crash or power cut): boot ends and wipes them. */
  listOpenSessions(): Result<readonly string[]>;
  /** Deletes sessions started before `before` (epoch ms) with their steps, reports, consents and queue rows; answers how many. */
  pruneSessionsBefore(before: number): Result<number>;

  /** Appends a message to the outbound queue, due now; answers its id (ids grow, delivery is in id order). */
  enqueue(draft: OutboundDraft): Result<number>;
  /** Answers up to `limit` due items in id order and leases them, so a second call does not hand them out again until the lease ends. */
  takeDue(limit?: number): Result<readonly OutboundItem[]>;
  /** Deletes a delivered item; answers false when it was no longer there (purged meanwhile). */
  markSent(id: number): Result<boolean>;
  /** Counts a failed attempt and postpones the item by an exponential backoff; answers the next attempt time, or null when the item is gone. */
  markFailed(id: number): Result<number | null>;
  /** Deletes every queue row of the session flagged as patient data, delivered or not, and answers how many. */
  purgePatientData(sessionId: string): Result<number>;
  /** Purges the session's patient data then checkpoints and truncates the WAL; `store.wipeIncomplete` when a reader blocks the truncation (retrying is safe). */
  wipeSession(sessionId: string): Result<WipeCounts>;

  /** Closes the database; the store must not be used afterwards. */
  close(): void;
}
