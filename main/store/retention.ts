// How long the store keeps what is not patient data: the session audit (with the staff's events and the
// ended card transactions) and the consent records, each for its configured number of days, pruned at
// boot and then once a day. The maintenance register is never pruned here: it is kept at least five
// years (CSP R5212-28).
import { every, type Cancel, type Clock } from '../../contract';
import type { OperationLog } from '../log';
import type { CabinStore } from './cabin-store';

// A day in milliseconds: the retention settings count days, and the pruning runs once a day.
const DAY_MS = 86_400_000;

/** How many days each kind of record is kept (see main/store/README.md for the defaults' reasons). */
export interface RetentionPolicy {
  /** Session audit: the session row, its steps, problem reports and help calls; the staff's events. */
  readonly auditDays: number;
  /** Consent records: text version, time, who was present. */
  readonly consentDays: number;
}

// Deletes the audit and the consent records older than the policy allows, now; logs how many went.
function pruneExpired(store: CabinStore, policy: RetentionPolicy, now: number, log: OperationLog): void {
  const audit = store.pruneAuditBefore(now - policy.auditDays * DAY_MS);
  const consents = store.pruneConsentsBefore(now - policy.consentDays * DAY_MS);
  const staff = store.staff.pruneBefore(now - policy.auditDays * DAY_MS);
  // Ended card transactions go with the audit; one still waiting for the attendant stays.
  const payments = store.payments.pruneBefore(now - policy.auditDays * DAY_MS);
  if (!audit.ok) log.error('retention.pruneFailed', { table: 'session_audit', code: audit.error.code });
  if (!staff.ok) log.error('retention.pruneFailed', { table: 'staff_events', code: staff.error.code });
  if (!payments.ok) {
    log.error('retention.pruneFailed', { table: 'payment_transactions', code: payments.error.code });
  }
  if (!consents.ok)
    log.error('retention.pruneFailed', { table: 'consent_records', code: consents.error.code });
  const pruned = {
    sessions: audit.ok ? audit.value : 0,
    consents: consents.ok ? consents.value : 0,
    staffEvents: staff.ok ? staff.value : 0,
    payments: payments.ok ? payments.value : 0,
  };
  if (pruned.sessions + pruned.consents + pruned.staffEvents + pruned.payments > 0) {
    log.info('retention.pruned', pruned);
  }
}

/** Prunes now (the cabin's boot) and then every day on `clock`; answers the function that stops it. */
export function keepRetention(
  store: CabinStore,
  policy: RetentionPolicy,
  clock: Clock,
  log: OperationLog,
): Cancel {
  pruneExpired(store, policy, clock.now(), log);
  return every(clock, DAY_MS, () => pruneExpired(store, policy, clock.now(), log));
}
