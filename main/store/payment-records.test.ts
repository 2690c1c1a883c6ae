// The card transactions in the store: recorded `sending` before the terminal is asked, then ended; the
// unresolved and the ones waiting for the attendant read back in order; a session paid once is known
// as paid; ended ones are pruned with the audit, the undecided stay; the table holds no card data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { openCabinStore, type CabinStore } from './index';

const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);
const opened: { store: CabinStore; directory: string }[] = [];

afterEach(() => {
  for (const { store, directory } of opened.splice(0)) {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});

function openStore(clock: ManualClock): { store: CabinStore; path: string } {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-payments-'));
  const path = join(directory, 'cabin.db');
  const store = openCabinStore(path, clock);
  if (!store.ok) throw new Error(store.error.code);
  opened.push({ store: store.value, directory });
  return { store: store.value, path };
}

describe('payment records', () => {
  it('keep a transaction from `sending` to its end, with its times', () => {
    const clock = new ManualClock(MONDAY_9AM);
    const { store } = openStore(clock);
    store.payments.begin({ id: 'abc123', sessionId: 'session-1', amountCents: 2500 });
    expect(store.payments.read('abc123')).toEqual({
      ok: true,
      value: {
        id: 'abc123',
        sessionId: 'session-1',
        amountCents: 2500,
        state: 'sending',
        failureCode: null,
        settledBy: null,
        startedAt: MONDAY_9AM,
        endedAt: null,
      },
    });
    expect(store.payments.paidFor('session-1')).toEqual({ ok: true, value: false });
    clock.increment(4_000);
    expect(store.payments.end('abc123', { state: 'approved' }, 'terminal')).toEqual({
      ok: true,
      value: true,
    });
    expect(store.payments.read('abc123')).toMatchObject({
      value: { state: 'approved', settledBy: 'terminal', endedAt: MONDAY_9AM + 4_000 },
    });
    expect(store.payments.paidFor('session-1')).toEqual({ ok: true, value: true });
    expect(store.payments.end('unknown1', { state: 'approved' }, 'terminal')).toEqual({
      ok: true,
      value: false,
    });
  });

  it('list the unresolved and the ones the attendant decides, oldest first', () => {
    const clock = new ManualClock(MONDAY_9AM);
    const { store } = openStore(clock);
    store.payments.begin({ id: 'a1', sessionId: 's1', amountCents: 100 });
    clock.increment(1_000);
    store.payments.begin({ id: 'b2', sessionId: 's2', amountCents: 200 });
    store.payments.end('b2', { state: 'unknown', code: 'payment.garbled' }, 'terminal');
    clock.increment(1_000);
    store.payments.leaveToCounter({ id: 'c3', sessionId: 's3', amountCents: 300 });
    clock.increment(1_000);
    store.payments.begin({ id: 'd4', sessionId: 's4', amountCents: 400 });
    store.payments.end('d4', { state: 'failed', code: 'payment.declined' }, 'terminal');
    const ids = (result: ReturnType<CabinStore['payments']['unresolved']>) =>
      result.ok ? result.value.map((record) => record.id) : [];
    expect(ids(store.payments.unresolved())).toEqual(['a1', 'b2']);
    expect(ids(store.payments.awaitingAttendant())).toEqual(['b2', 'c3']);
    expect(store.payments.read('b2')).toMatchObject({ value: { failureCode: 'payment.garbled' } });
  });

  it('prune the ended transactions with the audit, never one still undecided', () => {
    const clock = new ManualClock(MONDAY_9AM);
    const { store } = openStore(clock);
    store.payments.begin({ id: 'old1', sessionId: 's1', amountCents: 100 });
    store.payments.end('old1', { state: 'approved' }, 'terminal');
    store.payments.begin({ id: 'old2', sessionId: 's2', amountCents: 100 });
    store.payments.end('old2', { state: 'unknown', code: 'payment.timeout' }, 'recovery');
    store.payments.leaveToCounter({ id: 'old3', sessionId: 's3', amountCents: 100 });
    clock.increment(1_000);
    expect(store.payments.pruneBefore(clock.now())).toEqual({ ok: true, value: 1 });
    expect(store.payments.read('old1')).toEqual({ ok: true, value: null });
    expect(store.payments.awaitingAttendant()).toMatchObject({ value: [{ id: 'old2' }, { id: 'old3' }] });
  });

  it('refuse (a bug: it throws) what is not a reference, an amount or a code', () => {
    const { store, path } = openStore(new ManualClock(MONDAY_9AM));
    const begin = (id: string, amountCents: number) => () =>
      store.payments.begin({ id, sessionId: 's1', amountCents });
    expect(begin('4970 1234 5678', 100)).toThrow(/CHECK/);
    expect(begin('zero', 0)).toThrow(/CHECK/);
    begin('ok1', 100)();
    expect(() =>
      store.payments.end('ok1', { state: 'failed', code: 'Carte 4970 refusée' }, 'terminal'),
    ).toThrow(/CHECK/);
    const raw = new Database(path, { readonly: true });
    const columns = raw.prepare('SELECT name FROM pragma_table_info(?)').all('payment_transactions');
    raw.close();
    expect(columns.map((column) => (column as { name: string }).name)).toEqual([
      'id',
      'session_id',
      'amount_cents',
      'state',
      'failure_code',
      'settled_by',
      'started_at',
      'ended_at',
    ]);
  });
});
