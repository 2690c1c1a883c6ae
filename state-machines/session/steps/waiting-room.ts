// Step 7a: the platform's waiting room (position and estimated wait), the camera and microphone
// check meanwhile, then the professional presented before the patient starts the call.
import { assign } from 'xstate';
import { required } from '../context';
import { cabinWorking, stepEntered } from '../factories';
import { failureCode, requestHelp, sessionSetup } from '../setup';

/** Tells the professional the camera and microphone check's result (the `shareMediaCheck` effect). */
function shareMediaCheck(result: 'passed' | 'problem') {
  return {
    type: 'shareMediaCheck',
    params: ({ context }: { readonly context: { readonly sessionId: string } }) => ({
      sessionId: context.sessionId,
      result,
    }),
  } as const;
}

// Nobody of the kind online: said at once, with the ways out (another kind of professional, an
// appointment code, or leaving). The place is kept meanwhile: if someone comes online the wait goes on.
// Identity, consent and measurements stay in the session when the patient goes back to choose.
const nobodyOnline = {
  on: {
    'patient.seeNextAvailable': '#session.active.journey.appointment.choosingProfession',
    'patient.haveAppointmentCode': '#session.active.journey.appointment.enteringCode',
  },
} as const;

const queue = sessionSetup.createStateConfig({
  initial: 'joining',
  entry: assign({
    failure: null,
    queuePosition: null,
    estimatedWaitMinutes: null,
    professionalsOnline: null,
    professionalsWentOffline: false,
  }),
  invoke: {
    src: 'waitInQueue',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      profession: required(context.profession, 'profession'),
      appointmentCode: context.appointmentCode,
      identity: required(context.identity, 'identity'),
      measurements: context.measurements,
      locale: context.locale,
      carePath: context.carePath,
      cost: context.cost,
      accessibility: context.accessibility,
    }),
    onError: {
      target: 'failed',
      actions: assign({ failure: ({ event }) => failureCode(event.error) }),
    },
  },
  on: {
    'queue.updated': [
      {
        guard: ({ event }) => event.professionalsOnline === 0,
        target: '.nobodyOnline',
        actions: assign({
          queuePosition: ({ event }) => event.position,
          // Nobody can say how long: no estimate is shown, whatever the platform sent.
          estimatedWaitMinutes: null,
          professionalsWentOffline: ({ context }) =>
            context.professionalsWentOffline || (context.professionalsOnline ?? 0) > 0,
          professionalsOnline: 0,
        }),
      },
      {
        target: '.waiting',
        actions: assign({
          queuePosition: ({ event }) => event.position,
          estimatedWaitMinutes: ({ event }) => event.estimatedWaitMinutes,
          professionalsOnline: ({ event }) => event.professionalsOnline,
          professionalsWentOffline: false,
        }),
      },
    ],
    'queue.assigned': {
      target: 'professionalReady',
      actions: assign({ professional: ({ event }) => event.professional }),
    },
    'queue.failed': {
      target: 'failed',
      actions: assign({ failure: ({ event }) => event.error.code }),
    },
  },
  // The cabin works while joining and waiting; with nobody online the patient is expected to choose,
  // and the "still there?" prompt applies as on any screen that waits for a touch.
  states: { joining: cabinWorking({}), waiting: cabinWorking({}), nobodyOnline },
});

/** The waiting room, up to "start the call". */
export const waitingRoom = sessionSetup.createStateConfig({
  initial: 'queue',
  entry: stepEntered('waitingRoom'),
  on: {
    'patient.checkMedia': [
      {
        guard: ({ event }) => event.works,
        actions: [assign({ mediaCheck: 'passed' }), shareMediaCheck('passed')],
      },
      { actions: [assign({ mediaCheck: 'problem' }), shareMediaCheck('problem'), requestHelp] },
    ],
  },
  states: {
    queue,
    professionalReady: {
      on: { 'patient.startCall': '#session.active.journey.consultation' },
    },
    failed: {
      on: { 'patient.retry': 'queue' },
    },
  },
});
