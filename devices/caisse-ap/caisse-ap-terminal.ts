// The bank-card terminal over Caisse-AP over IP: the cabin is the point of sale and connects, for each
// payment, to the terminal's TCP server, sends one request and waits for one answer (within the answer
// time on the clock: the cardholder inserts the card and types the PIN meanwhile). The public sources
// (see caisse-ap-codec.ts) show no length prefix: the answer is complete when its bytes decode whole and
// carry `AE` with the field its result calls for (`AC` or `AF`); else it waits for a quiet moment. Only codes reach the log, never the answer's fields.
import { after, err, ok, type Clock, type Result } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { openTcpLink, type TcpAddress } from '../../drivers/tcp/tcp-link';
import type {
  PaymentApproval,
  PaymentFailureCode,
  PaymentRequest,
  PaymentTerminal,
  RecoveredPayment,
} from '../payment-terminal';
import type { PeripheralState } from '../peripheral';
import {
  ACTION_RESULT,
  CAISSE_AP_MAX_MESSAGE,
  decodePaymentAnswer,
  encodePaymentRequest,
  EURO_NUMERIC,
  FAILURE_REASON,
  type CaisseApAnswer,
} from './caisse-ap-codec';

/** The terminal's TCP port when the configuration names none (the public sources' default). */
export const CAISSE_AP_DEFAULT_PORT = 8888;

/** How long a payment may wait for the terminal's answer by default: the public clients' 180 s. */
export const CAISSE_AP_ANSWER_TIMEOUT_MS = 180_000;

/** How long a whole answer without its authorisation or reason waits for more bytes before it is read as it is. */
export const CAISSE_AP_QUIET_MS = 300;

/** True when a whole answer lacks the field its result calls for: more of it may still be on the way. */
function lacksItsField(answer: CaisseApAnswer): boolean {
  if (answer.result === ACTION_RESULT.done) return answer.authorisation === null;
  if (answer.result === ACTION_RESULT.notDone) return answer.failureReason === null;
  return false;
}

/** How long connecting may take before the terminal counts as unreachable. */
export const CAISSE_AP_CONNECT_TIMEOUT_MS = 5_000;

/** Where the terminal is and who the cabin is to it. */
export interface CaisseApTerminalSettings extends TcpAddress {
  /** `CJ`, 12 digits. */
  readonly concertId: string;
  /** `CA`, 2 digits. */
  readonly registerId: string;
  /** The longest wait for an answer once the request is sent. */
  readonly answerTimeoutMs: number;
  /** The longest wait for the connection. */
  readonly connectTimeoutMs: number;
}

/** Opens a link to the terminal; the TCP one in the cabin. */
export type OpenTerminalLink = (
  address: TcpAddress,
  clock: Clock,
  timeoutMs: number,
) => Promise<Result<ByteLink>>;

/** Hands a code (`payment.sent`, `payment.approved`, a failure code) to the operation log: never a field. */
export type PaymentLog = (code: string, detail?: string) => void;

/**
 * What an `AF` failure reason means to the cabin. The public labels have no "card removed": a card pulled
 * out before the end leaves the transaction "non aboutie" (07), which the cabin reads as card removed; to
 * check against the specification. Every reason of a `01` answer is settled (no money moved); a reason
 * not listed is a decline.
 */
const FAILURES_BY_REASON: Readonly<Record<string, PaymentFailureCode>> = {
  [FAILURE_REASON.refused]: 'payment.declined',
  [FAILURE_REASON.forbidden]: 'payment.declined',
  [FAILURE_REASON.phoneCall]: 'payment.declined',
  [FAILURE_REASON.abandoned]: 'payment.cancelled',
  [FAILURE_REASON.operatorAbandon]: 'payment.cancelled',
  [FAILURE_REASON.inputTimeout]: 'payment.cancelled',
  [FAILURE_REASON.notCompleted]: 'payment.cardRemoved',
};

/** What a decoded answer means for `request`: an approval, a settled failure, or garbled (unsettled). */
export function paymentOutcome(answer: CaisseApAnswer, amountCents: number): Result<PaymentApproval> {
  // The terminal echoes the request (the Odoo module checks it): another amount, action or currency is
  // an answer to something else, so the outcome of ours is unknown.
  if (
    (answer.echoedAmountCents !== null && answer.echoedAmountCents !== amountCents) ||
    (answer.echoedAction !== null && answer.echoedAction !== '0') ||
    (answer.echoedCurrency !== null && answer.echoedCurrency !== EURO_NUMERIC)
  )
    return err({ code: 'payment.garbled', detail: 'caisseAp.echoMismatch' });
  if (answer.result === ACTION_RESULT.done)
    return ok({ cardType: answer.cardType, authorisation: answer.authorisation });
  if (answer.result === ACTION_RESULT.notDone) {
    const reason = answer.failureReason ?? FAILURE_REASON.unknown;
    return err({ code: FAILURES_BY_REASON[reason] ?? 'payment.declined', detail: `AF${reason}` });
  }
  // `11` (request taken) only answers the immediate mode the cabin never asks; anything else is unknown.
  return err({ code: 'payment.garbled', detail: `AE${answer.result}` });
}

/** The Caisse-AP terminal: one TCP connection per payment. */
export class CaisseApPaymentTerminal implements PaymentTerminal {
  /** Payments under way: a terminal takes one connection at a time, so `check()` leaves it alone then. */
  #paying = 0;

  constructor(
    private readonly settings: CaisseApTerminalSettings,
    private readonly clock: Clock,
    private readonly log: PaymentLog = () => undefined,
    private readonly openLink: OpenTerminalLink = openTcpLink,
  ) {}

  /**
   * Reachable when the terminal accepts a connection within the connect time (nothing is sent); during a
   * payment, the open connection says so already.
   */
  async check(): Promise<PeripheralState> {
    if (this.#paying > 0) return 'ok';
    try {
      const link = await this.openLink(this.settings, this.clock, this.settings.connectTimeoutMs);
      if (!link.ok) return 'faulty';
      await link.value.close();
      return 'ok';
    } catch {
      return 'faulty';
    }
  }

  async pay(request: PaymentRequest, signal: AbortSignal): Promise<Result<PaymentApproval>> {
    const bytes = encodePaymentRequest({
      concertId: this.settings.concertId,
      registerId: this.settings.registerId,
      amountCents: request.amountCents,
      action: 'debit',
    });
    // The seam promises a positive amount in cents and identifiers the configuration checked: a bug.
    if (!bytes.ok) throw new RangeError(`Caisse-AP request refused: ${bytes.error.detail ?? ''}`);
    if (signal.aborted) return this.#failed('payment.cancelled', 'beforeSending');
    this.#paying += 1;
    try {
      const link = await this.openLink(this.settings, this.clock, this.settings.connectTimeoutMs);
      if (!link.ok) return this.#failed('payment.unreachable', link.error.code);
      if (signal.aborted) {
        await link.value.close();
        return this.#failed('payment.cancelled', 'beforeSending');
      }
      const outcome = await this.#exchange(link.value, bytes.value, request.amountCents, signal);
      await link.value.close();
      if (outcome.ok) this.log('payment.approved');
      else this.log(outcome.error.code, outcome.error.detail);
      return outcome;
    } finally {
      this.#paying -= 1;
    }
  }

  /**
   * The public protocol has no query for a past transaction (the terminal's journal is read on the
   * terminal itself, and a request carries no reference of ours that it could find again): the cabin
   * cannot ask, so every lost answer is `unknown` and the attendant checks the terminal's journal.
   */
  recover(_transactionId: string, _signal: AbortSignal): Promise<Result<RecoveredPayment>> {
    return Promise.resolve(ok('unknown'));
  }

  #failed(code: PaymentFailureCode, detail: string): Result<never> {
    this.log(code, detail);
    return err({ code, detail });
  }

  /** Sends the request and waits for one answer; every way out closes the wait's timer and listeners. */
  #exchange(
    link: ByteLink,
    request: Uint8Array,
    amountCents: number,
    signal: AbortSignal,
  ): Promise<Result<PaymentApproval>> {
    return new Promise((resolve) => {
      let received: Uint8Array = new Uint8Array(0);
      const stops: (() => void)[] = [];
      const finish = (outcome: Result<PaymentApproval>): void => {
        for (const stop of stops.splice(0)) stop();
        resolve(outcome);
      };
      const unsettled = (code: PaymentFailureCode, detail?: string): void =>
        finish(err(detail === undefined ? { code } : { code, detail }));
      // A whole answer that still lacks the field its result calls for (an approval's `AC`, a failure's
      // `AF`) may be cut at a field's edge: it is kept, and read as it is once the terminal goes quiet.
      let pending: CaisseApAnswer | null = null;
      let cancelQuiet: () => void = () => undefined;
      const readPending = (): boolean => {
        if (pending === null) return false;
        finish(paymentOutcome(pending, amountCents));
        return true;
      };
      stops.push(
        () => cancelQuiet(),
        link.onData((chunk) => {
          cancelQuiet();
          pending = null;
          received = concat(received, chunk);
          if (received.length > CAISSE_AP_MAX_MESSAGE)
            return unsettled('payment.garbled', 'caisseAp.oversize');
          const answer = decodePaymentAnswer(received);
          if (answer.ok && !lacksItsField(answer.value))
            return finish(paymentOutcome(answer.value, amountCents));
          if (answer.ok) {
            pending = answer.value;
            cancelQuiet = after(this.clock, CAISSE_AP_QUIET_MS, readPending);
            return;
          }
          // A field cut by the network, or the answer's first fields only: more bytes may come.
          if (answer.error.code === 'caisseAp.truncated' || answer.error.code === 'caisseAp.missingResult')
            return;
          unsettled('payment.garbled', answer.error.code);
        }),
        // Closed by the terminal: nothing came back (the answer is lost), or part of one (garbled).
        link.onEnd(() => {
          if (readPending()) return;
          if (received.length === 0) unsettled('payment.answerLost');
          else unsettled('payment.garbled', 'caisseAp.truncated');
        }),
        after(this.clock, this.settings.answerTimeoutMs, () => {
          if (readPending()) return;
          if (received.length === 0) unsettled('payment.timeout');
          else unsettled('payment.garbled', 'caisseAp.truncated');
        }),
      );
      // Once sent, the terminal alone knows what became of the card: leaving now loses its answer.
      const onAbort = (): void => unsettled('payment.answerLost', 'aborted');
      signal.addEventListener('abort', onAbort);
      stops.push(() => signal.removeEventListener('abort', onAbort));
      this.log('payment.sent');
      void link.write(request).then((written) => {
        if (!written.ok) unsettled('payment.answerLost', written.error.code);
      });
    });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
