// A payment terminal for tests: it records every request and every question about a lost transaction,
// and answers as the test scripts it (approved by default), at once or when the test says.
import { err, ok, type Result } from '../../contract';
import type {
  PaymentApproval,
  PaymentFailureCode,
  PaymentRequest,
  PaymentTerminal,
  RecoveredPayment,
} from '../payment-terminal';
import type { PeripheralState } from '../peripheral';

/** How the terminal answers one payment: approved, a failure code, or never (a cabin killed meanwhile). */
export type ScriptedPayment = 'approved' | PaymentFailureCode | 'never';

/** A scripted payment terminal that records what the cabin asked of it, in order. */
export class RecordingPaymentTerminal implements PaymentTerminal {
  /** Every payment asked, in order. */
  readonly requests: PaymentRequest[] = [];
  /** Every transaction asked about again, in order. */
  readonly recovered: string[] = [];
  /** Payments and questions in the order they came: `pay:<id>` or `recover:<id>`. */
  readonly calls: string[] = [];
  private readonly payments: ScriptedPayment[] = [];
  private readonly recoveries = new Map<string, RecoveredPayment>();
  private recoveryByDefault: RecoveredPayment = 'notApproved';

  check(): Promise<PeripheralState> {
    return Promise.resolve('ok');
  }

  /** The next payments answer these, in order; then approved. */
  willAnswer(...answers: ScriptedPayment[]): this {
    this.payments.push(...answers);
    return this;
  }

  /** Asked about `transactionId` (or about any transaction, without one), the terminal says `answer`. */
  willRecover(answer: RecoveredPayment, transactionId?: string): this {
    if (transactionId === undefined) this.recoveryByDefault = answer;
    else this.recoveries.set(transactionId, answer);
    return this;
  }

  pay(request: PaymentRequest, _signal: AbortSignal): Promise<Result<PaymentApproval>> {
    this.requests.push(request);
    this.calls.push(`pay:${request.transactionId}`);
    const answer = this.payments.shift() ?? 'approved';
    if (answer === 'never') return new Promise(() => undefined);
    return Promise.resolve(
      answer === 'approved' ? ok({ cardType: 'CB', authorisation: '123456' }) : err({ code: answer }),
    );
  }

  recover(transactionId: string, _signal: AbortSignal): Promise<Result<RecoveredPayment>> {
    this.recovered.push(transactionId);
    this.calls.push(`recover:${transactionId}`);
    return Promise.resolve(ok(this.recoveries.get(transactionId) ?? this.recoveryByDefault));
  }
}
