// Step 3: the consent and who is present. The consent is traced (the version of the text in the
// language read, the presence) before the patient is identified. A refusal is asked again, with what
// the patient can do instead, before the session ends as declined.
import { assign } from 'xstate';
import { required } from '../context';
import { stepEntered } from '../factories';
import { sessionSetup } from '../setup';

/** The consent screen: consenting traces the consent and goes to identification. */
export const consent = sessionSetup.createStateConfig({
  initial: 'asking',
  entry: stepEntered('consent'),
  states: {
    asking: {
      on: {
        'patient.consent': {
          target: '#session.active.journey.identification',
          actions: [
            assign({
              consent: ({ context, event }) => ({
                sessionId: context.sessionId,
                textVersion: context.consentTextVersions[context.locale],
                presence: event.presence,
                attendantStays: event.attendantStays,
              }),
            }),
            { type: 'recordConsent', params: ({ context }) => required(context.consent, 'consent') },
          ],
        },
        'patient.declineConsent': 'confirmingRefusal',
        'patient.back': '#session.active.journey.information',
      },
    },
    confirmingRefusal: {
      on: {
        'patient.declineConsent': '#session.declined',
        'patient.back': 'asking',
      },
    },
  },
});
