// Interim payment terminal for `npm start` and the scenario tests.
import { after, err, ok, type Clock, type Result } from '../../contract';
import type { PaymentTerminal } from '../payment-terminal';
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

  pay(_amountCents: number, signal: AbortSignal): Promise<Result<void>> {
    return new Promise((resolve) => {
      const cancel = after(this.clock, this.script.stepMs * 2, () =>
        resolve(this.script.payment === 'paid' ? ok(undefined) : err({ code: 'payment.declined' })),
      );
      signal.addEventListener('abort', () => {
        cancel();
        resolve(err({ code: 'payment.cancelled' }));
      });
    });
  }
}
