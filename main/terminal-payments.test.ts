// The cabin's card payments on a scripted terminal and a real store: recorded before the terminal is
// asked, resolved before any new payment, never twice for one session, and no charge the cabin could
// not record first.
import { describe, expect, it } from 'vitest';
import { err } from '../contract';
import { RecordingPaymentTerminal } from '../devices/test-support/recording-payment-terminal';
import { ManualClock } from '../test/support/manual-clock';
import { openCabinStore } from './store';
import { MemoryOperationLog } from './test-support/memory-operation-log';
import { TerminalPayments, transactionReference } from './terminal-payments';

const signal = new AbortController().signal;

function payments(terminal: RecordingPaymentTerminal) {
  const clock = new ManualClock(Date.UTC(2026, 0, 12, 9));
  const opened = openCabinStore(':memory:', clock);
  if (!opened.ok) throw new Error(opened.error.code);
  const cabinStore = opened.value;
  let changes = 0;
  const log = new MemoryOperationLog(clock);
  let next = 0;
  const desk = new TerminalPayments({
    terminal,
    records: cabinStore.payments,
    log,
    changed: () => (changes += 1),
    newReference: () => `ref${(next += 1)}`,
  });
  return { desk, store: cabinStore, log, changes: () => changes };
}

describe('terminal payments', () => {
  it('record the transaction before the terminal is asked, and its end after', async () => {
    const terminal = new RecordingPaymentTerminal();
    const { desk, store } = payments(terminal);
    const states: string[] = [];
    const pay = terminal.pay.bind(terminal);
    terminal.pay = (request, abort) => {
      const record = store.payments.read(request.transactionId);
      states.push(record.ok ? (record.value?.state ?? 'none') : 'error');
      return pay(request, abort);
    };
    expect(await desk.pay({ sessionId: 's1', amountCents: 2500 }, signal)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(states).toEqual(['sending']);
    expect(store.payments.read('ref1')).toMatchObject({ value: { state: 'approved', amountCents: 2500 } });
  });

  it('never charge a session twice', async () => {
    const terminal = new RecordingPaymentTerminal();
    const { desk } = payments(terminal);
    await desk.pay({ sessionId: 's1', amountCents: 2500 }, signal);
    expect(await desk.pay({ sessionId: 's1', amountCents: 2500 }, signal)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(terminal.requests).toHaveLength(1);
  });

  it('ask nothing of the terminal when the transaction cannot be recorded first', async () => {
    const terminal = new RecordingPaymentTerminal();
    const { desk, store } = payments(terminal);
    store.payments.begin = () => err({ code: 'store.diskFull' });
    expect(await desk.pay({ sessionId: 's1', amountCents: 2500 }, signal)).toEqual({
      ok: false,
      error: { code: 'payment.notRecorded' },
    });
    expect(terminal.requests).toEqual([]);
  });

  it('take a driver that throws as a lost answer, and ask the terminal again', async () => {
    const terminal = new RecordingPaymentTerminal().willRecover('approved');
    const { desk } = payments(terminal);
    terminal.pay = () => Promise.reject(new Error('socket bug'));
    expect(await desk.pay({ sessionId: 's1', amountCents: 900 }, signal)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(terminal.recovered).toEqual(['ref1']);
  });

  it('hold new card payments while one waits for the attendant, and free them once decided', async () => {
    const terminal = new RecordingPaymentTerminal().willAnswer('payment.garbled').willRecover('unknown');
    const { desk, changes } = payments(terminal);
    expect(await desk.pay({ sessionId: 's1', amountCents: 900 }, signal)).toMatchObject({
      error: { code: 'payment.awaitingAttendant' },
    });
    expect(await desk.pay({ sessionId: 's2', amountCents: 900 }, signal)).toMatchObject({
      error: { code: 'payment.awaitingAttendant' },
    });
    expect(terminal.requests).toHaveLength(1);
    expect(desk.awaitingDecision()).toMatchObject([
      { transactionId: 'ref1', reason: 'unknown', amountCents: 900 },
    ]);
    const before = changes();
    expect(desk.settleByAttendant('ref1', true)).toEqual({ ok: true, value: undefined });
    expect(changes()).toBe(before + 1);
    expect(desk.awaitingDecision()).toEqual([]);
    // Paid, by the attendant's word: the first session is never charged again.
    expect(await desk.pay({ sessionId: 's1', amountCents: 900 }, signal)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await desk.pay({ sessionId: 's2', amountCents: 900 }, signal)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(terminal.requests).toHaveLength(2);
  });

  it('make references of letters and digits that never look like a NIR', () => {
    for (let i = 0; i < 200; i += 1) expect(transactionReference()).toMatch(/^[a-z2-9]{16}$/);
  });
});
