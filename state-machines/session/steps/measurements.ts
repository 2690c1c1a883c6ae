// Step 6: the measurements, guided one by one and each skippable; a plausible value is shown, then
// sent to the professional when the patient goes on. An implausible value or a device fault is a
// screen with "again" and "skip".
import { assign } from 'xstate';
import { currentKind, keepLatest, markCurrent, required, type SessionContext } from '../context';
import { cabinWorking, measuring, stepEntered } from '../factories';
import { sessionSetup } from '../setup';

// "Skip": the current measurement is marked skipped, and the next pending one comes (or the waiting room).
const skipped = (context: SessionContext) => ({ slots: markCurrent(context, 'skipped') });
const skip = {
  target: 'choosingNext',
  actions: sessionSetup.assign(({ context }) => skipped(context)),
} as const;

/** The guided measurement step; it is entered only when some measurement is pending. */
export const measurements = sessionSetup.createStateConfig({
  initial: 'choosingNext',
  entry: stepEntered('measurements'),
  states: {
    choosingNext: {
      entry: assign({ progress: null, lastMeasurement: null, measurementFailure: null }),
      always: [
        { guard: 'hasPendingMeasurement', target: 'instructions' },
        { target: '#session.active.journey.waitingRoom' },
      ],
    },
    instructions: {
      on: {
        'patient.startMeasurement': 'measuring',
        'patient.skip': skip,
      },
    },
    measuring: cabinWorking(
      measuring({
        kind: currentKind,
        accepted: {
          target: 'result',
          keep: (_, measurement) => ({ lastMeasurement: measurement }),
          share: false,
        },
        failed: { target: 'failed', field: 'measurementFailure' },
        skipped: { target: 'choosingNext', keep: skipped },
      }),
    ),
    result: {
      on: {
        'patient.next': {
          target: 'choosingNext',
          actions: [
            {
              type: 'shareMeasurement',
              params: ({ context }) => ({
                sessionId: context.sessionId,
                measurement: required(context.lastMeasurement, 'measurement'),
              }),
            },
            assign({
              measurements: ({ context }) =>
                keepLatest(context.measurements, required(context.lastMeasurement, 'measurement')),
              slots: ({ context }) => markCurrent(context, 'done'),
            }),
          ],
        },
        'patient.retry': 'measuring',
      },
    },
    failed: {
      on: {
        'patient.retry': 'measuring',
        'patient.skip': skip,
      },
    },
  },
});
