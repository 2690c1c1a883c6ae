// The store forgets the audit and the consent records on time: at boot, then once a day on the clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../contract';
import { ManualClock } from '../../test/support/manual-clock';
import { MemoryOperationLog } from '../test-support/memory-operation-log';
import type { CabinStore } from './cabin-store';
import { keepRetention } from './retention';
import { openCabinStore } from './sqlite-cabin-store';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

const DAY_MS = 86_400_000;
const POLICY = { auditDays: 90, consentDays: 365 };

let directory: string;
let clock: ManualClock;
let store: CabinStore;
let log: MemoryOperationLog;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'cabin-retention-'));
  clock = new ManualClock(Date.UTC(2026, 0, 12, 9, 0, 0));
  store = unwrap(openCabinStore(join(directory, 'cabin.db'), clock));
  log = new MemoryOperationLog(clock);
});

afterEach(() => {
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

/** A session that gave its consent and ended, at the clock's current time. */
function pastSession(): string {
  const id = unwrap(store.startSession({ locale: 'fr' }));
  unwrap(store.recordConsent({ sessionId: id, textVersion: 'v1', presence: 'alone', attendantStays: false }));
  unwrap(store.endSession(id, 'completed'));
  return id;
}

const hasAudit = (id: string): boolean => unwrap(store.readSessionAudit(id)) !== null;

describe('retention', () => {
  it('prunes at boot what is already older than the policy', () => {
    const old = pastSession();
    clock.increment(91 * DAY_MS);
    const recent = pastSession();
    const stop = keepRetention(store, POLICY, clock, log);
    expect(hasAudit(old)).toBe(false);
    expect(hasAudit(recent)).toBe(true);
    expect(log.records()).toContainEqual(
      expect.objectContaining({ event: 'retention.pruned', sessions: 1, consents: 0 }),
    );
    stop();
  });

  it('prunes once a day on the clock: the audit after 90 days, the consent records after their own term', () => {
    const stop = keepRetention(store, POLICY, clock, log);
    const session = pastSession();
    clock.increment(90 * DAY_MS);
    expect(hasAudit(session)).toBe(true);
    clock.increment(DAY_MS);
    expect(hasAudit(session)).toBe(false);
    const consentsPruned = () =>
      log.records().filter((record) => record.event === 'retention.pruned' && record.consents === 1);
    clock.increment((365 - 91) * DAY_MS);
    expect(consentsPruned()).toHaveLength(0);
    clock.increment(DAY_MS);
    expect(consentsPruned()).toHaveLength(1);
    stop();
    expect(clock.pending()).toBe(0);
  });

  it('forgets the staff events with the audit, after 90 days', () => {
    const stop = keepRetention(store, POLICY, clock, log);
    unwrap(store.staff.record({ role: 'attendant', kind: 'badPin', until: null, detail: 'screen' }));
    clock.increment(90 * DAY_MS);
    expect(unwrap(store.staff.events(0))).toHaveLength(1);
    clock.increment(DAY_MS);
    expect(unwrap(store.staff.events(0))).toEqual([]);
    expect(log.records()).toContainEqual(
      expect.objectContaining({ event: 'retention.pruned', sessions: 0, staffEvents: 1 }),
    );
    stop();
  });

  it('logs nothing on a day with nothing to prune', () => {
    const stop = keepRetention(store, POLICY, clock, log);
    clock.increment(3 * DAY_MS);
    expect(log.lines).toEqual([]);
    stop();
  });
});
