// Step 9b: goodbye. Take your card and your documents, report a problem if any; the screen closes by
// itself. Leaving it completes the session: the consultation is over.
import { assign, enqueueActions } from 'xstate';
import { cabinWorking, stepEntered } from '../factories';

/**
 * The goodbye screen; the cabin closes it after the `goodbye` delay, which the screen announces
 * (`goodbyeUntil`); `patient.stillHere` ("Plus de temps") shows it again for the whole delay.
 */
export const goodbye = cabinWorking({
  entry: [
    // Shown again for more time is the same step: recorded once, as it was first entered.
    enqueueActions(({ enqueue, event }) => {
      if (event.type !== 'patient.stillHere') enqueue(stepEntered('goodbye'));
    }),
    'noteGoodbyeDeadline',
  ],
  after: { goodbye: '#session.completed' },
  on: {
    'patient.stillHere': { target: 'goodbye', reenter: true },
    'patient.reportProblem': {
      actions: [
        assign({ problemReported: true }),
        {
          type: 'recordProblem',
          params: ({ context, event }) => ({ sessionId: context.sessionId, problem: event.problem }),
        },
      ],
    },
    'patient.finish': '#session.completed',
    // The consultation is over: leaving the goodbye screen completes the session, it does not cancel it.
    'patient.quit': '#session.completed',
  },
});
