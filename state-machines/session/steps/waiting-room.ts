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
      locale: context.locale,
      carePath: context.carePath,
      cost: context.cost,
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
