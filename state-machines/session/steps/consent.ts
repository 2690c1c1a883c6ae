// Step 3: the consent and who is present. The consent is traced (text version, presence) before the
// patient is identified; declining ends the session.
import { assign } from 'xstate';
import { required } from '../context';
import { stepEntered } from '../factories';
import { sessionSetup } from '../setup';

/** The consent screen: consenting traces the consent and goes to identification. */
export const consent = sessionSetup.createStateConfig({
  entry: stepEntered('consent'),
  on: {
    'patient.consent': {
      target: 'identification',
      actions: [
        assign({
          consent: ({ context, event }) => ({
            sessionId: context.sessionId,
            textVersion: context.consentTextVersion,
            presence: event.presence,
            attendantStays: event.attendantStays,
          }),
        }),
        { type: 'recordConsent', params: ({ context }) => required(context.consent, 'consent') },
      ],
    },
    'patient.declineConsent': '#session.declined',
    'patient.back': 'information',
  },
});
