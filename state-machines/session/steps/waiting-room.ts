// Step 7a: the platform's waiting room (position and estimated wait), the camera and microphone
// check meanwhile, then the professional presented before the patient starts the call.
import { assign } from 'xstate';
import { required } from '../context';
import { cabinWorking, stepEntered } from '../factories';
import { failureCode, requestHelp, sessionSetup } from '../setup';

const queue = cabinWorking({
  initial: 'joining',
  entry: assign({ failure: null, queuePosition: null, estimatedWaitMinutes: null }),
  invoke: {
    src: 'waitInQueue',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      profession: required(context.profession, 'profession'),
      appointmentCode: context.appointmentCode,
      identity: required(context.identity, 'identity'),
      measurements: context.measurements,
    }),
    onError: {
      target: 'failed',
      actions: assign({ failure: ({ event }) => failureCode(event.error) }),
    },
  },
  on: {
    'queue.updated': {
      target: '.waiting',
      actions: assign({
        queuePosition: ({ event }) => event.position,
        estimatedWaitMinutes: ({ event }) => event.estimatedWaitMinutes,
      }),
    },
    'queue.assigned': {
      target: 'professionalReady',
      actions: assign({ professional: ({ event }) => event.professional }),
    },
    'queue.failed': {
      target: 'failed',
      actions: assign({ failure: ({ event }) => event.error.code }),
    },
  },
  states: { joining: {}, waiting: {} },
});

/** The waiting room, up to "start the call". */
export const waitingRoom = sessionSetup.createStateConfig({
  initial: 'queue',
  entry: stepEntered('waitingRoom'),
  on: {
    'patient.checkMedia': [
      { guard: ({ event }) => event.works, actions: assign({ mediaCheck: 'passed' }) },
      { actions: [assign({ mediaCheck: 'problem' }), requestHelp] },
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
