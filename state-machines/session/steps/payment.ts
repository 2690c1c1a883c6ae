// Step 9: the patient's share paid by bank card on the payment terminal. A declined card or a
// terminal fault is a screen with "again".
import { assign } from 'xstate';
import { required } from '../context';
import { cabinWorking, invokeResult, stepEntered } from '../factories';
import { sessionSetup } from '../setup';

/** The way to the payment: straight to goodbye when there is nothing to pay today (tiers payant, 100 %). */
export const toPayment = [
  { guard: 'nothingToPay', target: '#session.active.journey.goodbye' },
  { target: '#session.active.journey.payment' },
] as const;

/** The payment step; it is entered only when something is due today. */
export const payment = sessionSetup.createStateConfig({
  initial: 'confirm',
  entry: stepEntered('payment'),
  states: {
    confirm: { on: { 'patient.pay': 'processing' } },
    processing: cabinWorking({
      entry: assign({ failure: null }),
      invoke: invokeResult({
        src: 'takePayment',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          amountCents: required(context.cost, 'cost').amountDueTodayCents,
        }),
        ok: { target: '#session.active.journey.goodbye' },
        err: { target: 'failed', field: 'failure' },
      }),
    }),
    failed: { on: { 'patient.retry': 'processing' } },
  },
});
