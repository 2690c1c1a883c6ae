// Step 8: the documents the professional deposited, printed in the cabin one by one, each with its
// progress; the patient may oppose sending them to Mon espace santé (DMP). A printer fault is a screen
// with "again" (only the documents not printed yet) and "skip".
import { assign } from 'xstate';
import type { DocumentPrintStatus } from '../../../contract';
import type { SessionContext } from '../context';
import { cabinWorking, showFailure, stepEntered } from '../factories';
import { failureCode, sessionSetup } from '../setup';
import { toPayment } from './payment';

/** Where the session goes when the call ends: the documents if any were deposited, else the payment. */
export const afterCall = [
  { guard: 'hasDocuments', target: '#session.active.journey.documents' },
  ...toPayment,
] as const;

/** The documents not printed yet, in the order the professional sent them. */
export function documentsToPrint(context: SessionContext) {
  return context.documents.filter((document) => context.printStatus[document.id] !== 'printed');
}

/** How many documents came out of the printer. */
export function documentsPrintedCount(context: SessionContext): number {
  return Object.values(context.printStatus).filter((status) => status === 'printed').length;
}

// The print status with `documentId` set to `status`.
function withStatus(context: SessionContext, documentId: string, status: DocumentPrintStatus) {
  return { printStatus: { ...context.printStatus, [documentId]: status } };
}

// A document that was on its way when the printing stopped is marked failed; the others keep theirs.
function inFlightFailed(context: SessionContext) {
  const printStatus: Record<string, DocumentPrintStatus> = {};
  for (const [id, status] of Object.entries(context.printStatus)) {
    printStatus[id] = status === 'printing' ? 'failed' : status;
  }
  return { printStatus };
}

// Before a (new) run, a failed document waits again; printed ones stay printed.
function failedWaitAgain(context: SessionContext) {
  const printStatus: Record<string, DocumentPrintStatus> = {};
  for (const [id, status] of Object.entries(context.printStatus)) {
    if (status === 'printed') printStatus[id] = status;
  }
  return { printStatus };
}

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
      entry: assign(({ context }) => ({ failure: null, ...failedWaitAgain(context) })),
      // Every document is out (checked after each fact, and on entry should nothing be left).
      always: { guard: ({ context }) => documentsToPrint(context).length === 0, target: 'printed' },
      invoke: {
        src: 'printDocuments',
        input: ({ context }) => ({ sessionId: context.sessionId, documents: documentsToPrint(context) }),
        // A bug in the printing: the document on its way counts as failed, the patient keeps a way on.
        onError: {
          target: 'printFailed',
          actions: assign(({ context, event }) => ({
            ...inFlightFailed(context),
            ...showFailure('failure', failureCode(event.error)),
          })),
        },
      },
      on: {
        'print.started': {
          actions: assign(({ context, event }) => withStatus(context, event.documentId, 'printing')),
        },
        'print.done': {
          actions: assign(({ context, event }) => withStatus(context, event.documentId, 'printed')),
        },
        'print.failed': {
          target: 'printFailed',
          actions: assign(({ context, event }) => ({
            ...withStatus(context, event.documentId, 'failed'),
            ...showFailure('failure', event.error.code),
          })),
        },
      },
    }),
    printed: { on: { 'patient.next': toPayment } },
    printFailed: {
      on: { 'patient.retry': 'printing', 'patient.skip': toPayment },
    },
  },
});
