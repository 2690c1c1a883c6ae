// Step 4: the Carte Vitale (one beneficiary, or a choice among several) or typed details, then the
// patient confirms who is consulting. A card fault is a screen with a retry, never a dead end.
import { assign } from 'xstate';
import type { InvalidField, PatientIdentity, TypedIdentity } from '../../../contract';
import { checkTypedIdentity } from '../../identity';
import { required, type SessionContext } from '../context';
import { cabinWorking, stepEntered } from '../factories';
import { failureCode, requestHelp, sessionSetup } from '../setup';

interface Submitted {
  readonly context: SessionContext;
  readonly event: { readonly identity: TypedIdentity };
}

const check = ({ context, event }: Submitted) => checkTypedIdentity(event.identity, context.startedAt);

// Read after the guard accepted the typed details: a refusal here is a bug.
function accepted(submitted: Submitted): PatientIdentity {
  const checked = check(submitted);
  if (!checked.ok) throw new Error('identification: refused details taken as accepted');
  return checked.identity;
}

// Read after the guard refused the typed details: an acceptance here is a bug.
function refused(submitted: Submitted): InvalidField[] {
  const checked = check(submitted);
  if (checked.ok) throw new Error('identification: accepted details taken as refused');
  return checked.invalidFields;
}

const card = sessionSetup.createStateConfig({
  initial: 'waitingForCard',
  entry: assign({ beneficiaries: [], identity: null, cardFailure: null }),
  invoke: {
    src: 'readCard',
    onError: {
      target: 'cardFailed',
      actions: assign({ cardFailure: ({ event }) => failureCode(event.error) }),
    },
  },
  on: {
    'card.failed': {
      target: 'cardFailed',
      actions: assign({ cardFailure: ({ event }) => event.error.code }),
    },
  },
  states: {
    waitingForCard: {
      on: {
        'card.inserted': 'readingCard',
        'patient.back': '#session.active.journey.consent',
      },
    },
    readingCard: cabinWorking({
      on: {
        'card.read': [
          {
            guard: ({ event }) => event.beneficiaries.length === 0,
            target: '#identification.cardFailed',
            actions: assign({ cardFailure: 'card.noBeneficiary' }),
          },
          {
            guard: ({ event }) => event.beneficiaries.length === 1,
            target: '#identification.confirming',
            actions: assign({
              beneficiaries: ({ event }) => event.beneficiaries,
              identity: ({ event }) => required(event.beneficiaries[0], 'beneficiary'),
            }),
          },
          {
            target: '#identification.choosingBeneficiary',
            actions: assign({ beneficiaries: ({ event }) => event.beneficiaries }),
          },
        ],
      },
    }),
  },
});

/** The identification step: card, choice of beneficiary, typed details, confirmation. */
export const identification = sessionSetup.createStateConfig({
  id: 'identification',
  initial: 'card',
  entry: stepEntered('identification'),
  on: { 'patient.useManualEntry': '.manualEntry' },
  states: {
    card,
    cardFailed: {
      on: { 'patient.retry': 'card', 'patient.back': 'card' },
    },
    choosingBeneficiary: {
      on: {
        'patient.chooseBeneficiary': {
          guard: ({ context, event }) => context.beneficiaries[event.index] !== undefined,
          target: 'confirming',
          actions: assign({
            identity: ({ context, event }) => required(context.beneficiaries[event.index], 'beneficiary'),
          }),
        },
        'patient.back': 'card',
      },
    },
    confirming: {
      on: {
        'patient.confirmIdentity': [
          { guard: 'needsParent', target: 'parentNeeded' },
          { target: '#session.active.journey.appointment' },
        ],
        'patient.back': [
          // Typed details go back to the form, not to "insert your card".
          { guard: ({ context }) => context.identity?.source === 'manual', target: 'manualEntry' },
          {
            guard: 'hasSeveralBeneficiaries',
            target: 'choosingBeneficiary',
            actions: assign({ identity: null }),
          },
          { target: 'card' },
        ],
      },
    },
    // PRODUCT.md: "Minors: from 3 to 16 years old, with a parent whose card covers the child". The
    // consent came before the identity was known: the cabin explains, calls the attendant, and goes on
    // once a parent or guardian is there, the consent traced again with that presence.
    parentNeeded: {
      entry: requestHelp,
      on: {
        'patient.confirmParentPresent': {
          target: '#session.active.journey.appointment',
          actions: [
            assign({
              consent: ({ context }) => ({ ...required(context.consent, 'consent'), presence: 'parent' }),
            }),
            { type: 'recordConsent', params: ({ context }) => required(context.consent, 'consent') },
          ],
        },
        'patient.back': 'confirming',
      },
    },
    manualEntry: {
      entry: assign({ invalidFields: [], identity: null }),
      on: {
        'patient.submitIdentity': [
          {
            guard: (submitted) => check(submitted).ok,
            target: 'confirming',
            actions: assign({ beneficiaries: [], identity: accepted }),
          },
          { actions: assign({ invalidFields: refused }) },
        ],
        'patient.back': 'card',
      },
    },
  },
});
