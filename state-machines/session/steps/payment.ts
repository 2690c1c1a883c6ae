// Step 9: the patient's share paid by bank card on the payment terminal: exactly the amount of the cost
// screen the patient accepted (recorded at the acceptance, never computed again). A failure is a screen
// with its ways forward: try again (the same or another card), or pay at the counter, which ends the
// step and tells the attendant. The documents came before: a payment never holds them back.
import { assign } from 'xstate';
import { required, type SessionContext } from '../context';
import { cabinWorking, invokeResult, stepEntered } from '../factories';
import { sessionSetup } from '../setup';

/** The way to the payment: straight to goodbye when there is nothing to pay today (tiers payant, 100 %). */
export const toPayment = [
  { guard: 'nothingToPay', target: '#session.active.journey.goodbye' },
  { target: '#session.active.journey.payment' },
] as const;

// The amount the patient accepted on the cost screen.
const accepted = ({ context }: { readonly context: SessionContext }): number =>
  required(context.acceptedAmountCents, 'accepted amount');

/** The payment step; it is entered only when something is due today. */
export const payment = sessionSetup.createStateConfig({
  initial: 'confirm',
  entry: stepEntered('payment'),
  states: {
    confirm: {
      on: {
        'patient.pay': 'processing',
        // Paying at the counter: the attendant is told the amount, and the goodbye screen reminds it.
        'patient.payAtCounter': {
          target: '#session.active.journey.goodbye',
          actions: [
            assign({ payAtCounterCents: accepted }),
            {
              type: 'leavePaymentToCounter',
              params: ({ context }) => ({ sessionId: context.sessionId, amountCents: accepted({ context }) }),
            },
          ],
        },
      },
    },
    processing: cabinWorking({
      entry: assign({ failure: null }),
      invoke: invokeResult({
        src: 'takePayment',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          amountCents: accepted({ context }),
        }),
        ok: { target: '#session.active.journey.goodbye' },
        err: { target: 'failed', field: 'failure' },
      }),
    }),
    failed: {
      on: {
        'patient.retry': 'processing',
        'patient.payAtCounter': {
          target: '#session.active.journey.goodbye',
          actions: [
            assign({ payAtCounterCents: accepted }),
            {
              type: 'leavePaymentToCounter',
              params: ({ context }) => ({ sessionId: context.sessionId, amountCents: accepted({ context }) }),
            },
          ],
        },
      },
    },
  },
});
