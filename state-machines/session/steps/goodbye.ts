// Step 9b: goodbye. Take your card and your documents, report a problem if any; the screen closes by
// itself. Leaving it completes the session: the consultation is over.
import { assign } from 'xstate';
import { cabinWorking, stepEntered } from '../factories';

/** The goodbye screen; the cabin closes it after the `goodbye` delay. */
export const goodbye = cabinWorking({
  entry: stepEntered('goodbye'),
  after: { goodbye: '#session.completed' },
  on: {
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
