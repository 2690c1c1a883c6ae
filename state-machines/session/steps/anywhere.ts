// The `anywhere` region: what the patient can do on every screen (quit, help, language,
// accessibility), and the card's presence, which the goodbye screen shows.
import { assign, not, stateIn } from 'xstate';
import { endHelp, requestHelp, sessionSetup } from '../setup';

/** The region that listens, in parallel with the journey, for what works on every screen. */
export const anywhere = sessionSetup.createStateConfig({
  initial: 'listening',
  states: {
    listening: {
      on: {
        // The goodbye screen handles its own quit: the session is completed there.
        'patient.quit': {
          guard: not(stateIn({ active: { journey: 'goodbye' } })),
          target: '#session.cancelled',
        },
        'patient.setLocale': { actions: assign({ locale: ({ event }) => event.locale }) },
        'patient.setAccessibility': {
          actions: assign({ accessibility: ({ event }) => event.accessibility }),
        },
        'card.presenceChanged': { actions: assign({ cardInReader: ({ event }) => event.present }) },
        // A second press while nobody has come yet calls no one twice: the attendant is already called.
        'patient.help': { guard: ({ context }) => !context.helpRequested, actions: requestHelp },
        // The patient no longer needs help: the banner goes, and the platform stops showing the call.
        'patient.cancelHelp': { actions: endHelp('cancelled') },
      },
    },
  },
});
