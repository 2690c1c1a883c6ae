// Step 7b: the video call. The link may drop (ICE restarts, then sound only, then a clear end with the
// attendant called); the professional may ask for a measurement, which the patient starts, follows and
// sees beside the call, and deposits documents. A failure shown in the call clears when the link comes
// back.
import { assign } from 'xstate';
import type { ConversationMessage, InstrumentUse } from '../../../contract';
import { keepLatest, required } from '../context';
import { cabinWorking, measuring, stepEntered } from '../factories';
import { failureCode, requestHelp, sessionSetup } from '../setup';
import { afterCall } from './documents';

// The call is back (connected first, or again after a drop): what went wrong before is no longer shown,
// and the professional hears again where the instrument stands (an update may have been lost meanwhile).
const recovered = {
  target: 'inCall',
  actions: [
    sessionSetup.assign({ failure: null }),
    sessionSetup.enqueueActions(({ context, enqueue }) => {
      const use = context.instrument;
      if (use !== null) enqueue({ type: 'sendInstrumentUse', params: { sessionId: context.sessionId, use } });
    }),
  ],
} as const;

// The measurement the professional asks for during the call: its instructions until the patient starts
// it (never by itself: the patient may need a moment to put the cuff on), the progress, then the result
// (shared with the professional at once) or what went wrong, each with the way back to the call. A
// request while the device measures waits for that measurement to finish; otherwise it replaces the
// current one.
const done = 'done';
const taking = measuring({
  kind: (context) => required(context.requestedMeasurement, 'requested measurement'),
  accepted: {
    target: 'result',
    keep: (context, measurement) => ({
      measurements: keepLatest(context.measurements, measurement),
      lastMeasurement: measurement,
    }),
    share: true,
  },
  failed: { target: 'failed', field: 'measurementFailure' },
  skipped: { target: done },
});
const requested = sessionSetup.createStateConfig({
  initial: 'instructions',
  entry: assign({ progress: null, lastMeasurement: null, measurementFailure: null }),
  exit: assign({
    progress: null,
    requestedMeasurement: null,
    nextMeasurement: null,
    lastMeasurement: null,
    measurementFailure: null,
  }),
  on: {
    'call.reconnecting': 'reconnecting',
    'call.measurementRequested': {
      target: '.instructions',
      reenter: true,
      actions: assign({
        requestedMeasurement: ({ event }) => event.kind,
        lastMeasurement: null,
        measurementFailure: null,
      }),
    },
  },
  states: {
    instructions: {
      on: { 'patient.startMeasurement': 'measuring', 'patient.skip': done },
    },
    measuring: {
      ...taking,
      on: {
        ...taking.on,
        'call.measurementRequested': { actions: assign({ nextMeasurement: ({ event }) => event.kind }) },
      },
    },
    result: {
      on: { 'patient.next': done, 'patient.retry': 'measuring' },
    },
    failed: {
      on: { 'patient.retry': 'measuring', 'patient.skip': done },
    },
    // Passed through: the measurement asked meanwhile, or back to the call.
    done: {
      always: [
        {
          guard: ({ context }) => context.nextMeasurement !== null,
          target: 'instructions',
          actions: assign({
            requestedMeasurement: ({ context }) => context.nextMeasurement,
            nextMeasurement: null,
            lastMeasurement: null,
            measurementFailure: null,
          }),
        },
        { target: '#consultation.call.inCall' },
      ],
    },
  },
});

/** The most messages the call's written conversation keeps; older ones scroll away. */
export const MAX_CONVERSATION_MESSAGES = 200;

function withMessage(
  conversation: readonly ConversationMessage[],
  message: ConversationMessage,
): ConversationMessage[] {
  return [...conversation, message].slice(-MAX_CONVERSATION_MESSAGES);
}

// An instrument the cabin opens or sends: the one the patient may stop, and the professional replace.
function isLive(use: InstrumentUse | null): use is InstrumentUse & { readonly state: 'starting' | 'on' } {
  return use !== null && (use.state === 'starting' || use.state === 'on');
}

// The cabin works during the call, not once it failed: then the patient is expected to retry, and a
// patient who walked out must not leave the professional's name on the screen for the next person.
const call = cabinWorking({
  initial: 'connecting',
  entry: assign({
    failure: null,
    instrument: null,
    mediaMode: 'video',
    professionalReceives: { audio: false, video: false },
  }),
  invoke: {
    src: 'joinCall',
    input: ({ context }) => ({ sessionId: context.sessionId }),
    onError: {
      target: 'failed',
      actions: assign({ failure: ({ event }) => failureCode(event.error) }),
    },
  },
  on: {
    // The examination instrument the professional asks for, handled at the call's level so that it lasts
    // through a requested measurement and a reconnection: the professional asks (replacing the one live,
    // told `ended`), the renderer reports it on or failed, the patient stops it (or closes its failure),
    // the professional ends it. The platform is told each change but the professional's own end.
    'call.instrumentRequested': {
      actions: sessionSetup.enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'call.instrumentRequested') return;
        const { sessionId } = context;
        const replaced = context.instrument;
        if (isLive(replaced)) {
          enqueue({
            type: 'sendInstrumentUse',
            params: { sessionId, use: { kind: replaced.kind, state: 'ended' } },
          });
        }
        const use: InstrumentUse = { kind: event.kind, state: 'starting' };
        enqueue.assign({ instrument: use });
        enqueue({ type: 'sendInstrumentUse', params: { sessionId, use } });
      }),
    },
    'instrument.reported': {
      guard: ({ context, event }) =>
        isLive(context.instrument) && context.instrument.kind === event.report.kind,
      actions: sessionSetup.enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'instrument.reported') return;
        const use: InstrumentUse = event.report;
        enqueue.assign({ instrument: use });
        enqueue({ type: 'sendInstrumentUse', params: { sessionId: context.sessionId, use } });
      }),
    },
    'patient.stopInstrument': {
      actions: sessionSetup.enqueueActions(({ context, enqueue }) => {
        const current = context.instrument;
        if (current === null) return;
        enqueue.assign({ instrument: null });
        if (!isLive(current)) return;
        const use: InstrumentUse = { kind: current.kind, state: 'stoppedByPatient' };
        enqueue({ type: 'sendInstrumentUse', params: { sessionId: context.sessionId, use } });
      }),
    },
    'call.instrumentEnded': { actions: assign({ instrument: null }) },
    'call.receptionChanged': {
      actions: assign({ professionalReceives: ({ event }) => event.reception }),
    },
    'call.documentReceived': {
      actions: assign({
        documents: ({ context, event }) => [
          ...context.documents.filter((doc) => doc.id !== event.document.id),
          event.document,
        ],
      }),
    },
    // The written conversation of the call: what the professional writes and what the patient answers,
    // kept in the session's memory for this call only (the consultation's exit forgets it).
    'call.messageReceived': {
      actions: assign({
        conversation: ({ context, event }) =>
          withMessage(context.conversation, { from: 'professional', text: event.text }),
      }),
    },
    'patient.sendMessage': {
      actions: sessionSetup.enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'patient.sendMessage') return;
        const text = event.text.trim();
        enqueue.assign({ conversation: withMessage(context.conversation, { from: 'patient', text }) });
        enqueue({ type: 'sendMessage', params: { sessionId: context.sessionId, text } });
      }),
    },
    'call.ended': afterCall,
    'call.failed': [
      {
        // The platform lost the call for good: the patient is told someone comes, and someone does.
        guard: ({ event }) => event.error.code === 'call.lost',
        target: 'failed',
        actions: [assign({ failure: 'call.lost' }), requestHelp],
      },
      { target: 'failed', actions: assign({ failure: ({ event }) => event.error.code }) },
    ],
  },
  states: {
    connecting: {
      on: { 'call.connected': recovered },
      after: { reconnectWindow: 'soundOnly' },
    },
    // The link dropped: the video link restarts ICE; video and sound come back, or the call falls
    // back to sound only.
    reconnecting: {
      on: { 'call.connected': recovered },
      after: { reconnectWindow: 'soundOnly' },
    },
    soundOnly: {
      entry: assign({ mediaMode: 'audioOnly' }),
      on: { 'call.connected': recovered },
      after: {
        audioOnlyWindow: {
          target: '#consultation.failed',
          actions: [assign({ failure: 'call.lost' }), requestHelp],
        },
      },
    },
    inCall: {
      on: {
        'call.reconnecting': 'reconnecting',
        'call.measurementRequested': {
          target: 'measurement',
          actions: assign({ requestedMeasurement: ({ event }) => event.kind }),
        },
      },
    },
    // The measurement the professional asked for, beside the call that goes on.
    measurement: requested,
  },
});

/** The consultation: the call, or its failure with a retry. */
export const consultation = sessionSetup.createStateConfig({
  id: 'consultation',
  initial: 'call',
  entry: stepEntered('consultation'),
  exit: assign({ conversation: [], instrument: null }),
  states: {
    call,
    // A call that failed for good takes its instrument with it.
    failed: {
      entry: assign({ instrument: null }),
      on: { 'patient.retry': 'call' },
    },
  },
});
