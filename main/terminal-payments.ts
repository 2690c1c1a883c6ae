// The card payments of the cabin, never charged twice and never lost: each transaction is recorded as
// `sending` before its request goes to the terminal and again when it ends; a transaction whose answer
// was lost is asked again of the terminal (`recover`) before any new payment and at boot; one the
// terminal cannot tell about waits for the attendant's decision, and no new card payment starts until
// then (the patient may always pay at the counter instead). Logs carry codes, references and amounts:
// never a card number, never who the patient is.
import { randomBytes } from 'node:crypto';
import { err, ok, type CabinError, type PaymentAwaitingDecision, type Result } from '../contract';
import {
  isUnsettledPaymentFailure,
  type PaymentTerminal,
  type RecoveredPayment,
} from '../devices/payment-terminal';
import type { OperationLog } from './log';
import type { PaymentRecord, PaymentRecords } from './store';

/** What the payment step asks: this session's share, the amount the patient accepted. */
export interface SessionPayment {
  readonly sessionId: string;
  readonly amountCents: number;
}

/** What the terminal payments are built on. */
export interface TerminalPaymentsPorts {
  readonly terminal: PaymentTerminal;
  readonly records: PaymentRecords;
  readonly log: OperationLog;
  /** Called when the payments waiting for the attendant changed (the view shows them). */
  readonly changed?: () => void;
  /** A fresh transaction reference; 16 random hexadecimal characters by default. */
  readonly newReference?: () => string;
}

/** The cabin's card payments on one terminal and the store's transaction records. */
export class TerminalPayments {
  private readonly newReference: () => string;

  constructor(private readonly ports: TerminalPaymentsPorts) {
    this.newReference = ports.newReference ?? transactionReference;
  }

  // One terminal, one exchange at a time: a payment and a recovery never interleave.
  private queue: Promise<unknown> = Promise.resolve();

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Takes the session's payment: approved at once when the session already paid (never twice); else
   * the unresolved transactions first, then one new transaction. Answers a `payment.*` failure the
   * patient's screen explains (see PaymentScreen.failure).
   */
  pay(request: SessionPayment, signal: AbortSignal): Promise<Result<void>> {
    return this.serially(() => this.payNow(request, signal));
  }

  /**
   * Asks the terminal about every transaction left `sending` or `unknown` (a lost answer, a cabin that
   * stopped mid-transaction); answers true when one is still unknown: it waits for the attendant.
   */
  resolveUnresolved(signal: AbortSignal): Promise<boolean> {
    return this.serially(() => this.resolveNow(signal));
  }

  private async payNow(request: SessionPayment, signal: AbortSignal): Promise<Result<void>> {
    const { records, log } = this.ports;
    if (this.paidFor(request.sessionId)) return ok(undefined);
    const blocked = await this.resolveNow(signal);
    if (this.paidFor(request.sessionId)) return ok(undefined);
    if (blocked) return err({ code: 'payment.awaitingAttendant' });
    const id = this.newReference();
    // Recorded before anything leaves for the terminal: a cabin that dies now knows what to ask about.
    const begun = records.begin({ id, sessionId: request.sessionId, amountCents: request.amountCents });
    if (!begun.ok) {
      log.error('payment.notRecorded', { code: begun.error.code });
      return err({ code: 'payment.notRecorded' });
    }
    log.info('payment.sending', { transaction: id, amountCents: request.amountCents });
    const answer = await this.ask(() =>
      this.ports.terminal.pay({ transactionId: id, amountCents: request.amountCents }, signal),
    );
    if (answer.ok) {
      this.end(id, { state: 'approved' }, 'terminal');
      return ok(undefined);
    }
    const { code } = answer.error;
    if (!isUnsettledPaymentFailure(code)) {
      this.end(id, { state: 'failed', code }, 'terminal');
      return err({ code });
    }
    // The answer is lost: asked again at once, where the terminal can tell.
    this.end(id, { state: 'unknown', code }, 'terminal');
    const recovered = await this.recoverOne(id, code, signal);
    if (recovered === 'approved') return ok(undefined);
    if (recovered === 'notApproved') return err({ code: 'payment.notApproved' });
    return err({ code: 'payment.awaitingAttendant' });
  }

  private async resolveNow(signal: AbortSignal): Promise<boolean> {
    const open = this.ports.records.unresolved();
    if (!open.ok) {
      this.ports.log.error('payment.readFailed', { code: open.error.code });
      return true;
    }
    let blocked = false;
    for (const record of open.value) {
      const outcome = await this.recoverOne(record.id, record.failureCode ?? 'payment.answerLost', signal);
      if (outcome === 'unknown') blocked = true;
    }
    return blocked;
  }

  /** Records that the patient will pay this amount at the counter; the attendant then decides. */
  leaveToCounter(payment: SessionPayment): void {
    const id = this.newReference();
    const left = this.ports.records.leaveToCounter({ id, ...payment });
    if (!left.ok) this.ports.log.error('payment.notRecorded', { code: left.error.code });
    else this.ports.log.info('payment.atCounter', { transaction: id, amountCents: payment.amountCents });
    this.changed();
  }

  /** The payments waiting for the attendant's decision, oldest first (none when the store cannot say). */
  awaitingDecision(): readonly PaymentAwaitingDecision[] {
    // Read again only after a change: the view asks at every snapshot of the machines.
    this.waiting ??= this.readAwaiting();
    return this.waiting;
  }

  private waiting: readonly PaymentAwaitingDecision[] | null = null;

  private readAwaiting(): readonly PaymentAwaitingDecision[] {
    const waiting = this.ports.records.awaitingAttendant();
    if (!waiting.ok) return [];
    return waiting.value.map((record) => ({
      transactionId: record.id,
      amountCents: record.amountCents,
      reason: record.state === 'counter' ? 'counter' : 'unknown',
      since: record.startedAt,
    }));
  }

  // The payments waiting for the attendant may have changed: read them again, and tell the view.
  private changed(): void {
    this.waiting = null;
    this.ports.changed?.();
  }

  /** The attendant's decision on a payment waiting for it: paid, or not paid. */
  settleByAttendant(transactionId: string, paid: boolean): Result<void> {
    const record = this.ports.records.read(transactionId);
    if (!record.ok) return record;
    if (record.value === null || !waitsForAttendant(record.value)) {
      return err({ code: 'payment.notAwaitingDecision' });
    }
    const ended = this.ports.records.end(
      transactionId,
      paid ? { state: 'approved' } : { state: 'failed', code: 'payment.notPaid' },
      'attendant',
    );
    if (!ended.ok) return ended;
    this.ports.log.info('payment.settledByAttendant', { transaction: transactionId, paid });
    this.changed();
    return ok(undefined);
  }

  private paidFor(sessionId: string): boolean {
    const paid = this.ports.records.paidFor(sessionId);
    return paid.ok && paid.value;
  }

  // Asks the terminal what became of one transaction and records what it says; `unknown` (the terminal
  // cannot tell, or does not answer) leaves it for the attendant.
  private async recoverOne(id: string, code: string, signal: AbortSignal): Promise<RecoveredPayment> {
    const answer = await this.ask(() => this.ports.terminal.recover(id, signal));
    const outcome: RecoveredPayment = answer.ok ? answer.value : 'unknown';
    if (outcome === 'approved') this.end(id, { state: 'approved' }, 'recovery');
    else if (outcome === 'notApproved')
      this.end(id, { state: 'failed', code: 'payment.notApproved' }, 'recovery');
    else this.end(id, { state: 'unknown', code }, 'recovery');
    this.ports.log.info('payment.recovered', { transaction: id, outcome });
    this.changed();
    return outcome;
  }

  private end(
    id: string,
    end: Parameters<PaymentRecords['end']>[1],
    by: Parameters<PaymentRecords['end']>[2],
  ): void {
    const ended = this.ports.records.end(id, end, by);
    if (!ended.ok) this.ports.log.error('payment.notRecorded', { code: ended.error.code });
    if (end.state === 'approved') this.ports.log.info('payment.approved', { transaction: id, by });
    if (end.state === 'failed')
      this.ports.log.info('payment.failed', { transaction: id, by, code: end.code });
  }

  // A terminal driver that throws has sent, or not, the request: its outcome is unknown.
  private async ask<T>(call: () => Promise<Result<T>>): Promise<Result<T, CabinError>> {
    try {
      return await call();
    } catch {
      return err({ code: 'payment.answerLost' });
    }
  }
}

function waitsForAttendant(record: PaymentRecord): boolean {
  return record.state === 'unknown' || record.state === 'counter';
}

// Letters and few digits, so that a reference never looks like a NIR in the log.
const REFERENCE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A fresh transaction reference: 16 random letters and digits, never reused. */
export function transactionReference(): string {
  return [...randomBytes(16)].map((byte) => REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]).join('');
}
