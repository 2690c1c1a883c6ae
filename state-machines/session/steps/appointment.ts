// Step 5: a booked appointment (its code, checked by the platform) or the next available
// professional (with nobody of that kind online, said at once, with the ways out); télésoin eligibility; the cover questions (parcours de soins for a doctor, then ALD,
// maternity, CSS for everyone); then the cost, accepted before anything is measured or billed.
import { assign } from 'xstate';
import { answersFit, PROFESSIONS } from '../../../contract';
import { ageBandOf, costFor } from '../../cost';
import { bookedDirectAccess, required, type SessionContext } from '../context';
import { cabinWorking, invokeResult, stepEntered } from '../factories';
import { sessionSetup } from '../setup';

// The patient's age band on the session's date: the identity is known from identification on.
const bandOf = (context: SessionContext) =>
  ageBandOf(required(context.identity, 'identity').birthDate, context.startedAt);

// The kind of professional chosen, for the `lookUpPresence` actor.
const presenceInput = ({ context }: { readonly context: SessionContext }) => ({
  profession: required(context.profession, 'profession'),
});

/** The appointment step, up to the cost the patient accepts. */
export const appointment = sessionSetup.createStateConfig({
  initial: 'choosing',
  entry: stepEntered('appointment'),
  states: {
    choosing: {
      on: {
        'patient.haveAppointmentCode': 'enteringCode',
        'patient.seeNextAvailable': 'choosingProfession',
        'patient.back': '#session.active.journey.identification',
      },
    },
    enteringCode: {
      on: {
        'patient.submitAppointmentCode': {
          target: 'checkingCode',
          actions: assign({ appointmentCode: ({ event }) => event.code.trim(), appointmentFailure: null }),
        },
        'patient.back': { target: 'choosing', actions: assign({ appointmentFailure: null }) },
      },
    },
    checkingCode: cabinWorking({
      invoke: invokeResult({
        src: 'lookUpAppointment',
        input: ({ context }) => ({ code: required(context.appointmentCode, 'appointment code') }),
        ok: {
          target: 'routing',
          keep: ({ profession, specialty }) => ({ profession, bookedSpecialty: specialty }),
        },
        err: { target: 'enteringCode', field: 'appointmentFailure' },
      }),
      on: { 'patient.back': 'enteringCode' },
    }),
    // Who of each kind is online is asked on entering, to show the kinds nobody of is online (still
    // choosable: the answer may be out of date by the time the patient chooses, so the choice asks again).
    choosingProfession: {
      entry: assign({ nobodyOnlineKinds: [] }),
      invoke: PROFESSIONS.map((profession) => ({
        src: 'lookUpPresence' as const,
        input: { profession },
        // No answer, or a failure, shows nothing.
        onError: { actions: [] },
      })),
      on: {
        'presence.counted': {
          actions: assign({
            nobodyOnlineKinds: ({ context, event }) => [
              ...context.nobodyOnlineKinds.filter((kind) => kind !== event.profession),
              ...(event.professionalsOnline === 0 ? [event.profession] : []),
            ],
          }),
        },
        'patient.chooseProfession': {
          target: 'checkingPresence',
          actions: assign({
            profession: ({ event }) => event.profession,
            appointmentCode: null,
            bookedSpecialty: null,
          }),
        },
        'patient.back': 'choosing',
      },
    },
    // Is anyone of that kind online now? Nobody: said before any question. A platform that cannot be
    // asked, or does not answer in time, never blocks the journey: the waiting room tells it then.
    checkingPresence: cabinWorking({
      invoke: { src: 'lookUpPresence', input: presenceInput, onError: 'routing' },
      on: {
        'presence.counted': [
          {
            guard: ({ context, event }) =>
              event.profession === context.profession && event.professionalsOnline === 0,
            target: 'nobodyOnline',
          },
          { target: 'routing' },
        ],
        'presence.failed': 'routing',
        'patient.back': 'choosingProfession',
      },
      after: { presenceCheck: 'routing' },
    }),
    // Nobody of the kind online: the ways out are another kind, an appointment code, or the quit dialog.
    nobodyOnline: {
      on: {
        'patient.seeNextAvailable': 'choosingProfession',
        'patient.haveAppointmentCode': 'enteringCode',
        'patient.back': 'choosingProfession',
      },
    },
    routing: {
      always: [{ guard: 'professionIsTeleconsultation', target: 'carePath' }, { target: 'eligibility' }],
    },
    eligibility: {
      on: {
        'patient.answerEligibility': [
          {
            guard: ({ context, event }) =>
              !event.answers.physicalActNeeded &&
              (context.profession !== 'physiotherapist' || event.answers.earlierInPersonSession),
            target: 'carePath',
          },
          { target: 'notEligible' },
        ],
        'patient.back': 'choosing',
      },
    },
    notEligible: {
      on: { 'patient.back': 'choosingProfession' },
    },
    carePath: {
      on: {
        // Answers to other questions than this patient's (a screen out of step) are not taken.
        'patient.answerCarePath': {
          guard: ({ context, event }) =>
            answersFit(
              required(context.profession, 'profession'),
              bandOf(context),
              event.answers,
              bookedDirectAccess(context),
            ),
          target: 'cost',
          actions: assign({
            carePath: ({ event }) => event.answers,
            cost: ({ context, event }) =>
              costFor(
                context.tariffs,
                required(context.profession, 'profession'),
                bandOf(context),
                event.answers,
                bookedDirectAccess(context),
                context.thirdPartyPayment,
              ),
          }),
        },
        'patient.back': [
          { guard: 'professionIsTeleconsultation', target: 'choosing' },
          { target: 'eligibility' },
        ],
      },
    },
    cost: {
      on: {
        // Without any working device the measurement step is not shown: straight to the waiting room.
        // The amount due today is recorded as the patient accepted it: the payment asks for exactly this.
        'patient.acceptCost': [
          {
            guard: 'hasPendingMeasurement',
            target: '#session.active.journey.measurements',
            actions: 'recordAcceptedAmount',
          },
          { target: '#session.active.journey.waitingRoom', actions: 'recordAcceptedAmount' },
        ],
        'patient.back': 'carePath',
      },
    },
  },
});
