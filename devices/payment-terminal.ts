// The seam between the session and the bank-card payment terminal. A payment either ends with an
// answer the cabin understood (approved, or a failure that moved no money) or with an outcome the cabin
// cannot know (sent, then no usable answer): that one must be resolved before any new payment.
import type { Result } from '../contract';
import type { Checkable } from './peripheral';

/** One card payment asked of the terminal. */
export interface PaymentRequest {
  /** The cabin's reference of this transaction (recorded before it is sent); letters and digits, 1 to 16. */
  readonly transactionId: string;
  /** The patient's share accepted on the screen, in euro cents; more than 0. */
  readonly amountCents: number;
}

/** What an approved payment answers: never a card number, not even masked. */
export interface PaymentApproval {
  /** The card's scheme as the terminal names it (for example "CB", "VISA"), null when not given. */
  readonly cardType: string | null;
  /** The authorisation number, null when the terminal gives none (an offline approval). */
  readonly authorisation: string | null;
}

/** Failures after which the cabin knows that no money moved: the patient may try again at once. */
export const SETTLED_PAYMENT_FAILURES = [
  'payment.declined',
  'payment.cancelled',
  'payment.cardRemoved',
  'payment.unreachable',
] as const;

/** Failures after which the cabin cannot know whether the card was charged: resolve before any new payment. */
export const UNSETTLED_PAYMENT_FAILURES = [
  'payment.timeout',
  'payment.answerLost',
  'payment.garbled',
] as const;

/** Every failure code a terminal's `pay` answers. */
export type PaymentFailureCode =
  (typeof SETTLED_PAYMENT_FAILURES)[number] | (typeof UNSETTLED_PAYMENT_FAILURES)[number];

/** True when a failure leaves the transaction's outcome unknown (it must be resolved first). */
export function isUnsettledPaymentFailure(code: string): boolean {
  return (UNSETTLED_PAYMENT_FAILURES as readonly string[]).includes(code);
}

/** What the terminal says, when asked again, of a transaction whose answer was lost. */
export type RecoveredPayment = 'approved' | 'notApproved' | 'unknown';

/** A payment terminal that takes one card payment at a time. */
export interface PaymentTerminal extends Checkable {
  /**
   * Asks the patient to pay `request.amountCents`; answers the approval, or an error whose code is a
   * `PaymentFailureCode`. Aborting `signal` before the request is sent answers `payment.cancelled`.
   */
  pay(request: PaymentRequest, signal: AbortSignal): Promise<Result<PaymentApproval>>;
  /**
   * Asks the terminal what became of a transaction whose answer was lost; `unknown` when the protocol
   * or the terminal cannot tell (the attendant then checks the terminal's journal).
   */
  recover(transactionId: string, signal: AbortSignal): Promise<Result<RecoveredPayment>>;
}
