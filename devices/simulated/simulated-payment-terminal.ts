// Interim payment terminal for `npm start` and the scenario tests: the outcome the simulation script
// says, and a journal of what it approved, so that a transaction whose answer was lost can be asked again.
import { after, err, ok, type Clock, type Result } from '../../contract';
import type {
  PaymentApproval,
  PaymentFailureCode,
  PaymentRequest,
  PaymentTerminal,
  RecoveredPayment,
} from '../payment-terminal';
import type { PeripheralState } from '../peripheral';
import type { SimulatedPaymentOutcome, SimulationScript } from './simulation-script';

// The failure each outcome answers, and what the terminal says when asked again about it.
const FAILURES: Readonly<
  Record<Exclude<SimulatedPaymentOutcome, 'paid'>, { code: PaymentFailureCode; journal: RecoveredPayment }>
> = {
  declined: { code: 'payment.declined', journal: 'notApproved' },
  cancelled: { code: 'payment.cancelled', journal: 'notApproved' },
  cardRemoved: { code: 'payment.cardRemoved', journal: 'notApproved' },
  unreachable: { code: 'payment.unreachable', journal: 'notApproved' },
  // Approved on the terminal, then the answer was lost on the way back.
  answerLost: { code: 'payment.answerLost', journal: 'approved' },
  timeout: { code: 'payment.timeout', journal: 'notApproved' },
  // The cabin could not read the answer, and the terminal cannot tell either.
  garbled: { code: 'payment.garbled', journal: 'unknown' },
};

/** A payment terminal that answers as the simulation script says, after two steps on `clock`. */
export class SimulatedPaymentTerminal implements PaymentTerminal {
  // What the terminal did with each transaction it was sent (its own journal).
  private readonly journal = new Map<string, RecoveredPayment>();

  constructor(
    private readonly script: SimulationScript,
    private readonly clock: Clock,
  ) {}

  check(): Promise<PeripheralState> {
    return Promise.resolve('ok');
  }

  pay(request: PaymentRequest, signal: AbortSignal): Promise<Result<PaymentApproval>> {
    return new Promise((resolve) => {
      const cancel = after(this.clock, this.script.stepMs * 2, () => {
        const outcome = this.script.payment;
        if (outcome === 'paid') {
          this.journal.set(request.transactionId, 'approved');
          resolve(ok({ cardType: 'CB', authorisation: null }));
          return;
        }
        const { code, journal } = FAILURES[outcome];
        this.journal.set(request.transactionId, journal);
        resolve(err({ code }));
      });
      signal.addEventListener('abort', () => {
        cancel();
        resolve(err({ code: 'payment.cancelled' }));
      });
    });
  }

  /** What the journal says of the transaction; one it never received was never approved. */
  recover(transactionId: string, _signal: AbortSignal): Promise<Result<RecoveredPayment>> {
    return Promise.resolve(ok(this.journal.get(transactionId) ?? 'notApproved'));
  }
}
