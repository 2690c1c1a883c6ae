// Step 8: the documents the professional deposited, printed in the cabin; the patient may oppose
// sending them to Mon espace santé (DMP). A printer fault is a screen with "again" and "skip".
import { assign } from 'xstate';
import { cabinWorking, invokeResult, stepEntered } from '../factories';
import { sessionSetup } from '../setup';
import { toPayment } from './payment';

/** Where the session goes when the call ends: the documents if any were deposited, else the payment. */
export const afterCall = [
  { guard: 'hasDocuments', target: '#session.active.journey.documents' },
  ...toPayment,
] as const;

/** The documents step; it is entered only when the professional deposited some. */
export const documents = sessionSetup.createStateConfig({
  initial: 'review',
  entry: stepEntered('documents'),
  states: {
    review: {
      on: {
        'patient.setDmpOpposition': { actions: assign({ dmpOpposed: ({ event }) => event.opposed }) },
        'patient.print': {
          target: 'printing',
          actions: {
            type: 'recordDmpChoice',
            params: ({ context }) => ({ sessionId: context.sessionId, opposed: context.dmpOpposed }),
          },
        },
      },
    },
    printing: cabinWorking({
      entry: assign({ failure: null }),
      invoke: invokeResult({
        src: 'printDocuments',
        input: ({ context }) => ({ sessionId: context.sessionId, documents: context.documents }),
        ok: { target: 'printed', keep: ({ printed }) => ({ documentsPrinted: printed }) },
        err: { target: 'printFailed', field: 'failure' },
      }),
    }),
    printed: { on: { 'patient.next': toPayment } },
    printFailed: {
      on: { 'patient.retry': 'printing', 'patient.skip': toPayment },
    },
  },
});
