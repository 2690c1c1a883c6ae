// Interim payment terminal for `npm start` and the scenario tests.
import { after, err, ok, type Clock, type Result } from '../../contract';
import type { PaymentApproval, PaymentRequest, PaymentTerminal, RecoveredPayment } from '../payment-terminal';
import type { PeripheralState } from '../peripheral';
import type { SimulationScript } from './simulation-script';

/** A payment terminal that accepts or declines as the simulation script says, after two steps on `clock`. */
export class SimulatedPaymentTerminal implements PaymentTerminal {
  constructor(
    private readonly script: SimulationScript,
    private readonly clock: Clock,
  ) {}

  check(): Promise<PeripheralState> {
    return Promise.resolve('ok');
  }

  pay(_request: PaymentRequest, signal: AbortSignal): Promise<Result<PaymentApproval>> {
    return new Promise((resolve) => {
      const cancel = after(this.clock, this.script.stepMs * 2, () =>
        resolve(
          this.script.payment === 'paid'
            ? ok({ cardType: 'CB', authorisation: null })
            : err({ code: 'payment.declined' }),
        ),
      );
      signal.addEventListener('abort', () => {
        cancel();
        resolve(err({ code: 'payment.cancelled' }));
      });
    });
  }

  /** The simulated terminal never loses an answer: a transaction asked about is one it never approved. */
  recover(_transactionId: string, _signal: AbortSignal): Promise<Result<RecoveredPayment>> {
    return Promise.resolve(ok('notApproved'));
  }
}
