// The seam between the session and the bank-card payment terminal.
import type { Result } from '../contract';
import type { Checkable } from './peripheral';

/** A payment terminal that takes one card payment at a time. */
export interface PaymentTerminal extends Checkable {
  /** Asks the patient to pay `amountCents`; answers ok once paid, or `payment.declined` / `payment.failed`. */
  pay(amountCents: number, signal: AbortSignal): Promise<Result<void>>;
}
