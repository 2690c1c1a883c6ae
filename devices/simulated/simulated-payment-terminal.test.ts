// The simulated payment terminal answers each outcome of the script after two steps, and, asked again
// about a transaction, says what its own journal holds: approved after a lost answer, not approved after
// a timeout, unknown after a garbled answer.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import type { RecoveredPayment } from '../payment-terminal';
import { SimulatedPaymentTerminal } from './simulated-payment-terminal';
import { happyScript, SIMULATED_PAYMENT_OUTCOMES, type SimulatedPaymentOutcome } from './simulation-script';

const STEP_MS = 100;

async function payOnce(outcome: SimulatedPaymentOutcome) {
  const clock = new ManualClock();
  const script = { ...happyScript(STEP_MS), payment: outcome };
  const terminal = new SimulatedPaymentTerminal(script, clock);
  const signal = new AbortController().signal;
  const answer = terminal.pay({ transactionId: 'tx1', amountCents: 2500 }, signal);
  clock.increment(STEP_MS * 2);
  return { answer: await answer, recovered: await terminal.recover('tx1', signal) };
}

describe('the simulated payment terminal', () => {
  it.each<[SimulatedPaymentOutcome, string | null, RecoveredPayment]>([
    ['paid', null, 'approved'],
    ['declined', 'payment.declined', 'notApproved'],
    ['cancelled', 'payment.cancelled', 'notApproved'],
    ['cardRemoved', 'payment.cardRemoved', 'notApproved'],
    ['unreachable', 'payment.unreachable', 'notApproved'],
    ['timeout', 'payment.timeout', 'notApproved'],
    ['answerLost', 'payment.answerLost', 'approved'],
    ['garbled', 'payment.garbled', 'unknown'],
  ])('%s: answers %s, and says %s when asked again', async (outcome, code, recovered) => {
    const result = await payOnce(outcome);
    expect(result.answer.ok ? null : result.answer.error.code).toBe(code);
    expect(result.recovered).toEqual({ ok: true, value: recovered });
  });

  it('names every outcome the simulator accepts', () => {
    expect(SIMULATED_PAYMENT_OUTCOMES).toHaveLength(8);
  });

  it('has never approved a transaction it never received', async () => {
    const terminal = new SimulatedPaymentTerminal(happyScript(STEP_MS), new ManualClock());
    await expect(terminal.recover('never', new AbortController().signal)).resolves.toEqual({
      ok: true,
      value: 'notApproved',
    });
  });
});
