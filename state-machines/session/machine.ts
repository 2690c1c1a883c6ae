// The patient's session: journey steps 2 to 10 of PRODUCT.md (step 1, the welcome screen, is the
// cabin machine's `ready` state), assembled from one file per step in `steps/`. Three parallel
// regions: `journey` (the steps), `anywhere` (what the patient can do on every screen: quit, help,
// language) and `attention` (the inactivity prompt). Hardware, platform and printer are named actors
// that main/ provides; delays are named and provided too, so tests move a manual clock.
import { assign } from 'xstate';
import { initialContext, required } from './context';
import { cabinWorkingStates } from './factories';
import { endHelp, sessionSetup } from './setup';
import { anywhere } from './steps/anywhere';
import { appointment } from './steps/appointment';
import { attentionRegion } from './steps/attention';
import { consent } from './steps/consent';
import { consultation } from './steps/consultation';
import { documents } from './steps/documents';
import { goodbye } from './steps/goodbye';
import { identification } from './steps/identification';
import { information } from './steps/information';
import { measurements } from './steps/measurements';
import { payment } from './steps/payment';
import { waitingRoom } from './steps/waiting-room';

// The journey, in the order of PRODUCT.md; each key is the step's name on the screen (`StepName`).
const journey = sessionSetup.createStateConfig({
  initial: 'information',
  states: {
    information,
    consent,
    identification,
    appointment,
    measurements,
    waitingRoom,
    consultation,
    documents,
    payment,
    goodbye,
  },
});

/** The session machine; main/ provides its actors, actions and delays with `.provide()`. */
export const sessionMachine = sessionSetup.createMachine({
  id: 'session',
  context: ({ input }) => initialContext(input),
  // Every final state records its outcome on entry.
  output: ({ context }) => ({ sessionId: context.sessionId, outcome: required(context.outcome, 'outcome') }),
  initial: 'active',
  states: {
    active: {
      type: 'parallel',
      // Only events that no region handles reach `active` itself: the `attention` region takes every
      // `patient.*` event, so the patient's commands valid on every screen live in the `anywhere` region.
      on: {
        'attendant.resetSession': '#session.reset',
        // The attendant answered, on the cabin's panel or the attendant page: the platform is told too.
        'attendant.acknowledgeHelp': { actions: endHelp('answered') },
        // The platform told the support (and the professional of the call): the banner says so.
        'help.reached': {
          guard: ({ context }) => context.helpRequested,
          actions: assign({
            helpTold: ({ context, event }) => [
              ...context.helpTold,
              ...event.told.filter((audience) => !context.helpTold.includes(audience)),
            ],
          }),
        },
        // The support or the professional answered from the platform, which already knows.
        'help.answered': {
          guard: ({ context }) => context.helpRequested,
          actions: assign({ helpRequested: false, helpAnswered: true }),
        },
      },
      states: {
        journey,
        anywhere,
        attention: attentionRegion(cabinWorkingStates(journey, ['active', 'journey'])),
      },
    },
    completed: { type: 'final', entry: assign({ outcome: 'completed' }) },
    cancelled: { type: 'final', entry: assign({ outcome: 'cancelled' }) },
    declined: { type: 'final', entry: assign({ outcome: 'declined' }) },
    abandoned: { type: 'final', entry: assign({ outcome: 'abandoned' }) },
    reset: { type: 'final', entry: assign({ outcome: 'reset' }) },
  },
});
